package de.nachruecker.load.pool;

import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.support.personaldata.PersonalData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A standby candidate the tools put into the pool, with everything the allocation service ranks and filters by.
 *
 * @param travelMinutes as the allocation service sees it (a simulated day compresses it with its clock)
 */
public record SeededCandidate(String id, String phone, LocalDate birthDate, PriorityGroup group,
                              List<String> centreIds, int travelMinutes, Instant registeredAt) {

    /** The allocation service's order while prioritised: group, then waiting time, then id. */
    public static final Comparator<SeededCandidate> PRIORITY_ORDER =
            Comparator.comparingInt((SeededCandidate c) -> c.group().rank())
                    .thenComparing(SeededCandidate::registeredAt)
                    .thenComparing(SeededCandidate::id);

    public SeededCandidate {
        centreIds = List.copyOf(centreIds);
    }

    /**
     * As registration-service publishes a candidate whose phone is verified: the birth date sealed with the
     * candidate's data key, which must be in the vault already.
     */
    public CandidateRegistered registered(Instant now, PersonalData.Sealing sealing) {
        return new CandidateRegistered(UUID.randomUUID(), now, id,
                new CandidateProfile(sealing.seal(CandidateRegistered.TYPE, birthDate), group, centreIds,
                        travelMinutes, registeredAt, true));
    }

    /** The contact the notification service sends offers to: SMS only, German; sealed like the birth date. */
    public CandidateContactChanged contact(Instant now, PersonalData.Sealing sealing) {
        return new CandidateContactChanged(UUID.randomUUID(), now, id, sealing.seal(CandidateContactChanged.TYPE,
                new CandidateContactChanged.Details("Kandidat " + id, phone, null)), "de", PhoneKind.MOBILE);
    }

    /** Whole years on {@code day}. */
    public int ageOn(LocalDate day) {
        return java.time.Period.between(birthDate, day).getYears();
    }

    /** A distinct valid German mobile number (E.164) per index, as the stand-in gateway will show it. */
    public static String phoneOf(int index) {
        return String.format("+49152%08d", index);
    }
}
