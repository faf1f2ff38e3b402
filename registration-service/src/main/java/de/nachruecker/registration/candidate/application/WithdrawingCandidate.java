package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Registration;
import org.springframework.stereotype.Service;


/**
 * A candidate leaves: personal data erased here, the data key that opens their sealed data on the topics deleted, the
 * profile leaves the pool and the compacted topics get tombstones. Withdrawing twice is harmless.
 */
@Service
public class WithdrawingCandidate {

    private final OwnRegistrations own;
    private final ErasingCandidate erasing;
    private final RegistrationMetrics metrics;

    public WithdrawingCandidate(OwnRegistrations own, ErasingCandidate erasing, RegistrationMetrics metrics) {
        this.own = own;
        this.erasing = erasing;
        this.metrics = metrics;
    }

    /** Returns once the person's data key is gone too (see {@link ErasingCandidate}). */
    public Registration withdraw(AccessToken token) {
        Registration current = own.find(token);
        ErasingCandidate.Outcome outcome = erasing.erase(current.candidateId(),
                CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE, registration -> true).orElseThrow(
                        UnknownAccessTokenException::new);
        if (outcome.erasedNow()) {
            metrics.withdrawn();
        }
        return outcome.registration();
    }
}
