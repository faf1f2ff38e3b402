package de.nachruecker.allocation.ops.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which releases are at risk right now, and what was wasted today (by the centres' day, Berlin time). */
@Service
public class WatchingReleases {

    static final ZoneId CENTRES_ZONE = ZoneId.of("Europe/Berlin");

    public record ReleaseAtRisk(String releaseId, String centreId, String centreName, String product, int dosesLeft,
                                int openOffers, Instant usableUntil) {
    }

    public record WastedToday(String centreId, String centreName, int doses) {
    }

    private final Releases releases;
    private final CentreCatalogue centres;
    private final AllocationProperties properties;
    private final Clock clock;

    public WatchingReleases(Releases releases, CentreCatalogue centres, AllocationProperties properties,
                            Clock clock) {
        this.releases = releases;
        this.centres = centres;
        this.properties = properties;
        this.clock = clock;
    }

    /** Open releases with doses left whose usable-until is within {@code at-risk-before}, soonest first. */
    public List<ReleaseAtRisk> atRiskNow() {
        return releases.openUsableUntilBefore(clock.instant().plus(properties.atRiskBefore())).stream()
                .filter(release -> release.dosesLeft() > 0)
                .sorted(Comparator.comparing(ReleaseLedger::usableUntil))
                .map(release -> new ReleaseAtRisk(release.id(), release.centreId(), centreName(release.centreId()),
                        release.product(), release.dosesLeft(), release.openOffers().size(), release.usableUntil()))
                .toList();
    }

    /** Doses left on releases that expired today, per centre. */
    public List<WastedToday> wastedToday() {
        Instant startOfDay = LocalDate.now(clock.withZone(CENTRES_ZONE)).atStartOfDay(CENTRES_ZONE).toInstant();
        Map<String, Integer> perCentre = new TreeMap<>();
        releases.expiredSince(startOfDay).forEach(release ->
                perCentre.merge(release.centreId(), release.dosesLeft(), Integer::sum));
        return perCentre.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> new WastedToday(entry.getKey(), centreName(entry.getKey()), entry.getValue()))
                .toList();
    }

    private String centreName(String centreId) {
        return centres.find(centreId).map(Centre::name).orElse(centreId);
    }
}
