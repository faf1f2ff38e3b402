package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one path by which a person's data is erased — withdrawal, end of the retention period, and any other reason
 * (call {@link #erase} with it): the personal data leaves the registration document, the profile leaves the pool, the
 * compacted topics get their tombstones, and the person's data key leaves the key vault (with the keys of their
 * messages not sent yet), so every sealed copy on every topic is unreadable from that moment.
 * <p>
 * Two documents (the key, the registration) and no multi-document transaction, so the order carries the guarantee:
 * the key is deleted <em>before</em> the registration is written as withdrawn, and once more after it. An erasure
 * that returned therefore never leaves the key readable; a crash between the steps leaves a registration whose key
 * is already gone (erring towards erasure; the caller saw an error and repeats, which completes it); and a key that a
 * concurrent change re-created in between goes with the second delete. Whether the person is due is decided on the
 * stored state before the key goes and again in the conditional write; if a concurrent change made them not due
 * (e.g. verified just before an expiry of unverified registrations), the key is re-created and the profile and
 * contact are published again under it.
 */
@Service
public class ErasingCandidate {

    private static final Logger log = LoggerFactory.getLogger(ErasingCandidate.class);

    private final Registrations registrations;
    private final OwnRegistrations changes;
    private final PersonalDataKeys keys;
    private final MessageSecrets messageSecrets;
    private final CandidateEvents events;
    private final Clock clock;

    public ErasingCandidate(Registrations registrations, OwnRegistrations changes, PersonalDataKeys keys,
                            MessageSecrets messageSecrets, CandidateEvents events, Clock clock) {
        this.registrations = registrations;
        this.changes = changes;
        this.keys = keys;
        this.messageSecrets = messageSecrets;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Erases the person if {@code due} holds for their registration (a registration withdrawn already is erased
     * again harmlessly: its key is deleted once more).
     *
     * @return the registration after the call and whether this call erased it; empty if no registration has this id
     */
    public Optional<Outcome> erase(String candidateId, CandidateWithdrawn.Reason reason, Predicate<Registration> due) {
        Optional<Registration> stored = registrations.find(candidateId);
        if (stored.isEmpty()) {
            deleteKeys(candidateId);
            return Optional.empty();
        }
        if (!stored.get().isWithdrawn() && !due.test(stored.get())) {
            return Optional.of(new Outcome(stored.get(), false));
        }
        deleteKeys(candidateId);
        Outcome outcome = changes.changeCandidate(candidateId, current -> {
            if (current.isWithdrawn() || !due.test(current)) {
                return OwnRegistrations.Change.none(new Outcome(current, false));
            }
            Instant now = clock.instant();
            Registration next = current.withdraw(now);
            return new OwnRegistrations.Change<>(next, CandidateEvents.erased(next, reason, now),
                    new Outcome(next, true));
        }).orElseThrow();
        if (outcome.registration().isWithdrawn()) {
            deleteKeys(candidateId);
        } else {
            restoreKey(candidateId);
        }
        return Optional.of(outcome);
    }

    /**
     * The person's data key, and the keys of their messages not sent yet (a verification code, an access code, an
     * offer's answer token on notification-requests): none of it opens any more.
     */
    private void deleteKeys(String candidateId) {
        keys.delete(candidateId);
        messageSecrets.eraseOf(candidateId);
    }

    /** A concurrent change made the person not due after their key was deleted: a new key, everything resealed. */
    private void restoreKey(String candidateId) {
        keys.create(candidateId);
        changes.changeCandidate(candidateId, current -> {
            if (current.isWithdrawn()) {
                return OwnRegistrations.Change.none(null);
            }
            Instant now = clock.instant();
            return new OwnRegistrations.Change<>(current,
                    List.of(events.updated(current, now), events.contact(current, now)), null);
        });
        log.info("candidate {} was not due for erasure any more when written; data key re-created", candidateId);
    }

    /** @param erasedNow whether this call erased the person (false: erased before, or not due) */
    public record Outcome(Registration registration, boolean erasedNow) {
    }
}
