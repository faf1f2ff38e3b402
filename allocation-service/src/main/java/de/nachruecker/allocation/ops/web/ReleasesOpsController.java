package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.application.Offers;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.support.security.CentreAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Release status and the audit trail: who was offered, in which wave, by which rule version and rank, and what came of
 * it (answer, arrival at the centre).
 */
@RestController
@RequestMapping("/api/ops/releases/{releaseId}")
@Tag(name = "Releases", description = "How far the allocation of a release has come, and its audit trail; ops, "
        + "admins and the operators of the release's centre")
public class ReleasesOpsController {

    private final Releases releases;
    private final Offers offers;
    private final CentreAccess access;

    public ReleasesOpsController(Releases releases, Offers offers, CentreAccess access) {
        this.releases = releases;
        this.offers = offers;
        this.access = access;
    }

    public record ReleaseStatusView(
            String releaseId, String centreId, String product, ReleaseStatus status, int doseCount, int confirmed,
            int dosesLeft, int openOffers, int waves, Instant windowFrom, Instant windowTo, Instant usableUntil,
            Instant releasedAt, Instant firstOfferAt, int answered, int accepted) {
    }

    public record AuditEntry(
            String offerId, String candidateId, int wave, int rank, int ruleVersion, OfferStatus status,
            Instant madeAt, Instant answerDeadline, Instant deliveredAt, Instant decidedAt, Instant arrivalRecordedAt) {
    }

    @GetMapping
    @Operation(summary = "Status of a release",
            description = "Doses, confirmed, left, open offers, waves, first offer; answered and accepted: the "
                    + "ended offers the wave sizing learns the acceptance rate from (offers that expired or ended "
                    + "before their message was delivered do not count). 404 if unknown; 403 for an operator of "
                    + "another centre.")
    public ReleaseStatusView status(@PathVariable String releaseId, Authentication user) {
        ReleaseLedger release = readable(releaseId, user);
        return new ReleaseStatusView(release.id(), release.centreId(), release.product(), release.status(),
                release.doseCount(), release.confirmed(), release.dosesLeft(), release.openOffers().size(),
                release.wave(), release.windowFrom(), release.windowTo(), release.usableUntil(),
                release.releasedAt(), release.firstOfferAt(), release.answered(), release.accepted());
    }

    @GetMapping("/audit")
    @Operation(summary = "Audit trail of a release",
            description = "Every offer in wave and rank order: pseudonymous candidate id, rule version, status "
                    + "(also VACCINATED / MISSED once the centre recorded the arrival, UNDELIVERABLE when its message "
                    + "could not be delivered) and times; deliveredAt: when the offer message was handed to the "
                    + "SMS gateway or mail server while the offer was open. 404 if unknown; 403 for an operator of "
                    + "another centre.")
    public List<AuditEntry> audit(@PathVariable String releaseId, Authentication user) {
        readable(releaseId, user);
        return offers.ofRelease(releaseId).stream().map(offer -> new AuditEntry(offer.id(), offer.candidateId(),
                offer.wave(), offer.rank(), offer.ruleVersion(), offer.status(), offer.madeAt(),
                offer.answerDeadline(), offer.deliveredAt(), offer.decidedAt(), offer.arrivalRecordedAt())).toList();
    }

    /** Ops and admins read every release, an operator those of their own centres (403 otherwise). */
    private ReleaseLedger readable(String releaseId, Authentication user) {
        ReleaseLedger release = releases.find(releaseId).orElseThrow(() -> new NotFoundException(releaseId));
        access.checkRead(user, release.centreId());
        return release;
    }

    static final class NotFoundException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotFoundException(String releaseId) {
            super("no release " + releaseId);
        }
    }
}
