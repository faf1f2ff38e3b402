package de.nachruecker.allocation.testing;

import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.application.WaveLeases;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseCorrected;
import de.nachruecker.support.outbox.PendingEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Releases} and their {@link WaveLeases} in memory, with the store's guards: each method is atomic, as one
 * conditional write on the release's document is. One instance is one lease owner.
 */
public class InMemoryReleases implements Releases, WaveLeases {

    private static final Duration LEASE = Duration.ofSeconds(10);

    private final Clock clock;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private int reservations;
    private int leaseAttempts;
    private int statusReads;

    public InMemoryReleases(Clock clock) {
        this.clock = clock;
    }

    /** One release document. */
    private static final class Row {
        String id;
        String centreId;
        String product;
        int doseCount;
        int dosesLeft;
        int confirmed;
        Instant windowFrom;
        Instant windowTo;
        Instant usableUntil;
        ReleaseStatus status = ReleaseStatus.OPEN;
        int wave;
        int accepted;
        int answered;
        final Set<String> open = new LinkedHashSet<>();
        final Set<String> offered = new LinkedHashSet<>();
        final Set<String> granted = new LinkedHashSet<>();
        final Set<String> returned = new LinkedHashSet<>();
        final List<String> processed = new ArrayList<>();
        boolean atRiskReported;
        Instant releasedAt;
        Instant firstOfferAt;
        boolean leased;
        Instant leaseUntil = Instant.EPOCH;
        boolean wavePending;
        final List<PendingEvent> outbox = new ArrayList<>();

        ReleaseLedger ledger() {
            return new ReleaseLedger(id, centreId, product, doseCount, dosesLeft, confirmed, windowFrom, windowTo,
                    usableUntil, status, wave, accepted, answered, List.copyOf(open), List.copyOf(offered),
                    List.copyOf(granted), atRiskReported, releasedAt, firstOfferAt, List.copyOf(processed),
                    List.copyOf(returned));
        }
    }

    @Override
    public synchronized List<ReleaseLedger> createAll(List<DosesReleased> released, Instant now) {
        List<ReleaseLedger> created = new ArrayList<>();
        released.forEach(event -> create(event, now).ifPresent(created::add));
        return created;
    }

    @Override
    public synchronized Optional<ReleaseLedger> create(DosesReleased released, Instant now) {
        if (rows.containsKey(released.releaseId())) {
            return Optional.empty();
        }
        Row row = new Row();
        row.id = released.releaseId();
        row.centreId = released.centreId();
        row.product = released.product();
        row.doseCount = released.doseCount();
        row.dosesLeft = released.doseCount();
        row.windowFrom = released.window().from();
        row.windowTo = released.window().to();
        row.usableUntil = released.usableUntil();
        row.releasedAt = now;
        row.processed.add(released.eventId().toString());
        row.leased = true;
        row.leaseUntil = now.plus(LEASE);
        rows.put(row.id, row);
        return Optional.of(row.ledger());
    }

    @Override
    public synchronized Optional<ReleaseLedger> find(String releaseId) {
        return Optional.ofNullable(rows.get(releaseId)).map(Row::ledger);
    }

    @Override
    public synchronized Optional<ReleaseStatus> statusOf(String releaseId) {
        statusReads++;
        return Optional.ofNullable(rows.get(releaseId)).map(row -> row.status);
    }

    @Override
    public synchronized List<ReleaseLedger> open() {
        return rows.values().stream().filter(row -> row.status == ReleaseStatus.OPEN).map(Row::ledger).toList();
    }

    @Override
    public synchronized List<ReleaseLedger> openUsableUntilBefore(Instant instant) {
        return open().stream().filter(release -> !release.usableUntil().isAfter(instant)).toList();
    }

    @Override
    public synchronized List<ReleaseLedger> expiredSince(Instant instant) {
        return rows.values().stream().filter(row -> row.status == ReleaseStatus.EXPIRED
                && !row.usableUntil.isBefore(instant)).map(Row::ledger).toList();
    }

    @Override
    public synchronized void dropOffers(String releaseId, Collection<String> offerIds) {
        rows.get(releaseId).open.removeAll(offerIds);
    }

    @Override
    public synchronized Optional<ReleaseLedger> grant(String releaseId, String offerId) {
        Row row = rows.get(releaseId);
        if (row.status != ReleaseStatus.OPEN || row.dosesLeft <= 0 || row.granted.contains(offerId)
                || !row.open.contains(offerId)) {
            return Optional.empty();
        }
        row.dosesLeft--;
        row.confirmed++;
        row.accepted++;
        row.answered++;
        row.granted.add(offerId);
        row.open.remove(offerId);
        return Optional.of(row.ledger());
    }

    @Override
    public synchronized boolean closeOffer(String releaseId, String offerId, boolean answered, boolean accepted) {
        Row row = rows.get(releaseId);
        if (!row.open.remove(offerId)) {
            return false;
        }
        row.answered += answered ? 1 : 0;
        row.accepted += accepted ? 1 : 0;
        return true;
    }

    @Override
    public synchronized boolean finish(String releaseId, ReleaseStatus status, List<PendingEvent> events) {
        Row row = rows.get(releaseId);
        if (row.status != ReleaseStatus.OPEN || (status == ReleaseStatus.FILLED && row.dosesLeft != 0)) {
            return false;
        }
        row.status = status;
        row.outbox.addAll(events);
        return true;
    }

    @Override
    public synchronized boolean reportAtRisk(String releaseId, PendingEvent event) {
        Row row = rows.get(releaseId);
        if (row.status != ReleaseStatus.OPEN || row.atRiskReported) {
            return false;
        }
        row.atRiskReported = true;
        row.outbox.add(event);
        return true;
    }

    @Override
    public synchronized boolean correct(ReleaseLedger seen, ReleaseCorrected correction, PendingEvent filled) {
        Row row = rows.get(seen.id());
        if ((seen.status() != ReleaseStatus.OPEN && seen.status() != ReleaseStatus.FILLED)
                || row.confirmed != seen.confirmed() || row.status != seen.status()
                || row.processed.contains(correction.eventId().toString())) {
            return false;
        }
        int dosesLeft = Math.max(0, correction.doseCount() - seen.confirmed());
        ReleaseStatus status = dosesLeft > 0 ? ReleaseStatus.OPEN : ReleaseStatus.FILLED;
        if (status == ReleaseStatus.FILLED && seen.status() == ReleaseStatus.OPEN) {
            row.outbox.add(filled);
        }
        row.doseCount = correction.doseCount();
        row.dosesLeft = dosesLeft;
        row.status = status;
        row.windowFrom = correction.window().from();
        row.windowTo = correction.window().to();
        row.usableUntil = correction.usableUntil();
        row.atRiskReported = false;
        row.processed.add(correction.eventId().toString());
        return true;
    }

    @Override
    public synchronized boolean returnDose(ReleaseLedger seen, Release after, String offerId) {
        Row row = rows.get(seen.id());
        if (row.confirmed != seen.confirmed() || row.doseCount != seen.doseCount() || row.status != seen.status()
                || !row.granted.contains(offerId) || row.returned.contains(offerId)) {
            return false;
        }
        row.confirmed = after.confirmed();
        row.dosesLeft = after.dosesLeft();
        row.status = after.status();
        row.returned.add(offerId);
        return true;
    }

    @Override
    public synchronized boolean withdraw(String releaseId) {
        Row row = rows.get(releaseId);
        if (row.status != ReleaseStatus.OPEN) {
            return false;
        }
        row.status = ReleaseStatus.WITHDRAWN;
        return true;
    }

    @Override
    public synchronized Optional<ReleaseLedger> acquire(String releaseId) {
        leaseAttempts++;
        Row row = rows.get(releaseId);
        Instant now = clock.instant();
        if (row == null || row.status != ReleaseStatus.OPEN || !row.leaseUntil.isBefore(now)) {
            return Optional.empty();
        }
        row.leased = true;
        row.leaseUntil = now.plus(LEASE);
        return Optional.of(row.ledger());
    }

    /** Another instance takes the lease over (this one's expired): this one holds it no more, the other one does. */
    public synchronized void takeOverLease(String releaseId) {
        Row row = rows.get(releaseId);
        row.leased = false;
        row.leaseUntil = clock.instant().plus(LEASE);
    }

    @Override
    public synchronized void requestWave(String releaseId) {
        rows.get(releaseId).wavePending = true;
    }

    @Override
    public synchronized Optional<LetGo> letGo(String releaseId) {
        Row row = rows.get(releaseId);
        if (row == null || !row.leased) {
            return Optional.empty();
        }
        LetGo before = new LetGo(row.status, row.wavePending);
        row.leased = false;
        row.leaseUntil = Instant.EPOCH;
        row.wavePending = false;
        return Optional.of(before);
    }

    @Override
    public synchronized boolean reserveOffers(String releaseId, int wave, Map<String, String> candidateByOfferId,
                                              Instant now) {
        Row row = rows.get(releaseId);
        if (!row.leased || row.status != ReleaseStatus.OPEN) {
            return false;
        }
        reservations++;
        row.wave = Math.max(row.wave, wave);
        row.open.addAll(candidateByOfferId.keySet());
        row.offered.addAll(candidateByOfferId.values());
        row.firstOfferAt = row.firstOfferAt == null || now.isBefore(row.firstOfferAt) ? now : row.firstOfferAt;
        row.leaseUntil = clock.instant().plus(LEASE);
        return true;
    }

    /** How many times a lease was asked for ({@link #acquire}, taken or not), each one write. */
    public synchronized int leaseAttempts() {
        return leaseAttempts;
    }

    /** Whether a wave was requested of the lease's holder and not yet taken by its let-go. */
    public synchronized boolean wavePending(String releaseId) {
        return rows.get(releaseId).wavePending;
    }

    /** How many times a release's status was read on its own ({@link #statusOf}), each one read. */
    public synchronized int statusReads() {
        return statusReads;
    }

    /** How many times offers were counted open on a release ({@link #reserveOffers}), each one write. */
    public synchronized int reservations() {
        return reservations;
    }

    /** The release's own events (filled, expired, at risk), in order. */
    public synchronized List<PendingEvent> outbox(String releaseId) {
        return List.copyOf(rows.get(releaseId).outbox);
    }
}
