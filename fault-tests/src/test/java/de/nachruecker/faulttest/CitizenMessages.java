package de.nachruecker.faulttest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What reached the citizens' phones, and which of it was a real duplicate: a second SMS for one notification (one
 * business fact: "offer X made", "offer X confirmed", "the answer to offer X came too late"), not merely a second SMS
 * with the same text. Texts name the appointment to the minute (centre, product, window), so two too-late notes for
 * two releases published at one centre within the same minute read alike and are still two messages.
 *
 * <p>A notification is identified by notification-service's delivery ({@code _id} = notification id), read after the
 * run. Every delivery that ended {@code SENT} by SMS reached the gateway at least once, so per candidate and kind of
 * message the SMS beyond the number of such deliveries are copies of one of them (or of a delivery that did not end
 * SENT although its SMS went out: counted too, never hidden).
 */
final class CitizenMessages {

    /** The kind of an SMS, told from its text (the platform's German and English texts). */
    enum Kind {
        OFFER, CONFIRMATION, TOO_LATE, VERIFICATION_CODE, WITHDRAWAL_RECEIPT, UNKNOWN;

        private static final Pattern OFFER_LINK = Pattern.compile("/offers/answer\\?token=");

        static Kind of(String text) {
            if (OFFER_LINK.matcher(text).find()) {
                return OFFER;
            }
            if (text.contains("Termin bestätigt") || text.contains("Appointment confirmed")) {
                return CONFIRMATION;
            }
            if (text.contains("kam zu spät") || text.contains("schon vergeben") || text.contains("came too late")
                    || text.contains("already been taken")) {
                return TOO_LATE;
            }
            if (text.contains("Bestätigungscode") || text.contains("verification code")) {
                return VERIFICATION_CODE;
            }
            if (text.contains("Abmeldung") || text.contains("withdrawal was received")) {
                return WITHDRAWAL_RECEIPT;
            }
            return UNKNOWN;
        }

        /** The notification template of this kind ({@code MessageTemplate} name), null for {@link #UNKNOWN}. */
        String template() {
            return this == UNKNOWN ? null : name();
        }
    }

    /** A delivery as notification-service stored it. */
    record Delivery(String notificationId, String candidateId, String template, String state, String channel,
                    int attempts) {

        boolean sentBySms() {
            return "SENT".equals(state) && "SMS".equals(channel);
        }
    }

    /**
     * More SMS of one kind reached one number than it was owed: one per notification of that kind sent to the
     * number's candidate by SMS, and one verification code to a number whose registration's answer the suite never
     * got ({@code expected} counts both).
     */
    record Duplicate(String phone, String candidateId, Kind kind, int received, int expected, List<Delivery> sent) {

        /** Copies beyond those expected (beyond the first for a text of unknown kind). */
        int extra() {
            return kind == Kind.UNKNOWN ? received - 1 : received - expected;
        }

        @Override
        public String toString() {
            return phone + " (" + candidateId + ") " + kind + ": " + received + " SMS for " + sent.size()
                    + " notification(s) " + sent.stream().map(d -> d.notificationId() + " attempts=" + d.attempts())
                    .toList() + (expected > sent.size() ? " and a registration left unanswered" : "");
        }
    }

    private final Map<String, Integer> byPhoneAndText = new ConcurrentHashMap<>();

    /** @return true the first time this number received this text */
    boolean received(String phone, String text) {
        return byPhoneAndText.merge(phone + "\n" + text, 1, Integer::sum) == 1;
    }

    int total() {
        return byPhoneAndText.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Same number, same text more than once (each extra copy counts): an upper bound of the duplicates, which also
     * counts distinct notifications whose texts coincide.
     */
    int identicalTexts() {
        return byPhoneAndText.values().stream().mapToInt(count -> count - 1).sum();
    }

    /**
     * The real duplicates: per number and kind, SMS beyond the notifications of that kind sent to the number's
     * candidate by SMS. A text of unknown kind counts as duplicate whenever the same text came again. A number the
     * suite registered without getting the answer (no answer, or a server error) has no candidate the suite knows,
     * but the registration may have been stored: one verification code to it is expected, a second is a duplicate.
     *
     * @param candidateOf   the candidate a number belongs to (null for a number that is none of ours)
     * @param unknownOutcome the numbers of registrations whose answer never came (or was a server error)
     */
    List<Duplicate> duplicates(Function<String, String> candidateOf, Set<String> unknownOutcome,
                               Collection<Delivery> deliveries) {
        Map<String, List<Delivery>> sentByCandidateAndTemplate = new TreeMap<>();
        deliveries.stream().filter(Delivery::sentBySms).forEach(d -> sentByCandidateAndTemplate
                .computeIfAbsent(d.candidateId() + "\n" + d.template(), k -> new ArrayList<>()).add(d));
        Map<String, Integer> receivedByPhoneAndKind = new TreeMap<>();
        List<Duplicate> duplicates = new ArrayList<>();
        byPhoneAndText.forEach((key, count) -> {
            int newline = key.indexOf('\n');
            String phone = key.substring(0, newline);
            Kind kind = Kind.of(key.substring(newline + 1));
            if (kind == Kind.UNKNOWN) {
                if (count > 1) {
                    duplicates.add(new Duplicate(phone, candidateOf.apply(phone), kind, count, 1, List.of()));
                }
            } else {
                receivedByPhoneAndKind.merge(phone + "\n" + kind.name(), count, Integer::sum);
            }
        });
        receivedByPhoneAndKind.forEach((key, received) -> {
            int newline = key.indexOf('\n');
            String phone = key.substring(0, newline);
            Kind kind = Kind.valueOf(key.substring(newline + 1));
            String candidate = candidateOf.apply(phone);
            List<Delivery> sent = sentByCandidateAndTemplate.getOrDefault(candidate + "\n" + kind.template(),
                    List.of());
            int expected = sent.size();
            if (candidate == null && kind == Kind.VERIFICATION_CODE && unknownOutcome.contains(phone)) {
                expected = 1;
            }
            if (received > expected) {
                duplicates.add(new Duplicate(phone, candidate, kind, received, expected, sent));
            }
        });
        return duplicates;
    }

    /** Extra copies per kind. */
    static Map<String, Integer> byKind(List<Duplicate> duplicates) {
        Map<String, Integer> kinds = new TreeMap<>();
        duplicates.forEach(d -> kinds.merge(d.kind().name(), d.extra(), Integer::sum));
        return kinds;
    }

    static int count(List<Duplicate> duplicates) {
        return byKind(duplicates).values().stream().mapToInt(Integer::intValue).sum();
    }
}
