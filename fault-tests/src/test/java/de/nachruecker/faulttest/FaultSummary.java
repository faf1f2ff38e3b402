package de.nachruecker.faulttest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a run did and found, in one text printed to the test output and written next to the build's reports. */
record FaultSummary(FaultSettings settings, Duration took, List<String> timeline, List<FaultInjector.Fault> faults,
                    CentreOperator operator, AnsweringCitizens phones, PlatformInvariants invariants,
                    List<CitizenMessages.Duplicate> duplicates) {

    private static final int SHOWN = 50;

    void print(Path file) throws IOException {
        String text = render();
        System.out.println(text);
        Files.writeString(file, text);
    }

    private String render() {
        StringBuilder out = new StringBuilder();
        out.append("=== Nachrücker fault suite (").append(settings.soakMode() ? "soak " + settings.soak() : "CI mode")
                .append(", ").append(took.toSeconds()).append(" s, seed ").append(settings.seed()).append(") ===\n");
        out.append("\nTimeline\n");
        timeline.forEach(line -> out.append("  ").append(line).append('\n'));
        Map<String, Long> byKind = new TreeMap<>(faults.stream()
                .collect(Collectors.groupingBy(f -> f.action() + " " + f.target(), Collectors.counting())));
        out.append("\nFaults: ").append(faults.size()).append('\n');
        byKind.forEach((kind, count) -> out.append("  ").append(count).append(" x ").append(kind).append('\n'));
        faults.forEach(fault -> out.append("    ").append(fault).append('\n'));
        out.append("\nLoad\n");
        line(out, "releases published", operator.published().size());
        line(out, "doses published", operator.dosesPublished());
        line(out, "releases withdrawn by operators", operator.withdrawn().size());
        line(out, "operator requests retried", operator.retries());
        line(out, "SMS received at the gateway", phones.messagesRead());
        line(out, "offer SMS answered", phones.offersReceived());
        phones.answerOutcomes().forEach((outcome, count) -> line(out, "  answer " + outcome, count));
        out.append("\nFound\n");
        invariants.counts().forEach((name, value) -> line(out, name, value));
        line(out, "duplicate messages to citizens (asserted 0: SMS beyond one per notification)",
                CitizenMessages.count(duplicates));
        CitizenMessages.byKind(duplicates).forEach((kind, count) -> line(out, "  duplicates, " + kind, count));
        line(out, "identical texts to one number (also distinct notifications whose texts coincide)",
                phones.messages().identicalTexts());
        list(out, "Invariant violations (doses or candidates confirmed twice, doses unaccounted, events lost)",
                invariants.violations());
        list(out, "Not at rest (releases not final, offers not decided)", invariants.unfinished());
        list(out, "Duplicate messages (number, candidate, kind: SMS received for the notifications sent, with their "
                + "attempts)", duplicates.stream().map(CitizenMessages.Duplicate::toString).toList());
        return out.toString();
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        out.append('\n').append(title).append(": ").append(items.size()).append('\n');
        items.stream().limit(SHOWN).forEach(item -> out.append("  ").append(item).append('\n'));
        if (items.size() > SHOWN) {
            out.append("  … and ").append(items.size() - SHOWN).append(" more\n");
        }
    }

    private static void line(StringBuilder out, String name, Object value) {
        out.append(String.format("  %-45s %s%n", name, value));
    }
}
