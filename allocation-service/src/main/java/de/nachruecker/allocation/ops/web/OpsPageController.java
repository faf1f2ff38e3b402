package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.ops.application.WatchingEventFlow;
import de.nachruecker.allocation.ops.application.WatchingReleases;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The ops page: at a glance, are events flowing, is any consumer lagging, which releases are at risk right now and
 * what was wasted today. Server-rendered, no script; it reloads itself every {@value #REFRESH_SECONDS} seconds.
 */
@Controller
public class OpsPageController {

    static final int REFRESH_SECONDS = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Berlin"));

    /** A release at risk as the page shows it (times in the centres' zone). */
    public record AtRiskRow(String releaseId, String centre, String product, int dosesLeft, int openOffers,
                            String usableUntil) {
    }

    private final WatchingEventFlow flow;
    private final WatchingReleases releases;
    private final Clock clock;

    public OpsPageController(WatchingEventFlow flow, WatchingReleases releases, Clock clock) {
        this.flow = flow;
        this.releases = releases;
        this.clock = clock;
    }

    @GetMapping("/ops")
    public String overview(Model model, Locale locale) {
        List<AtRiskRow> atRisk = releases.atRiskNow().stream()
                .map(release -> new AtRiskRow(release.releaseId(), release.centreName(), release.product(),
                        release.dosesLeft(), release.openOffers(), format(release.usableUntil())))
                .toList();
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("generatedAt", format(clock.instant()));
        model.addAttribute("flow", flow.now());
        model.addAttribute("atRisk", atRisk);
        model.addAttribute("wasted", releases.wastedToday());
        return "ops/overview";
    }

    private static String format(Instant instant) {
        return TIME.format(instant);
    }
}
