package de.nachruecker.faulttest;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * The standby candidates of a run, seeded as verified candidates directly as events: {@code CandidateRegistered.v2}
 * (profile with {@code verified=true}) on {@code candidates} and {@code CandidateContactChanged.v2} on
 * {@code candidate-contacts}, exactly what registration-service publishes after a phone was verified. Registering
 * thousands through the REST API and the SMS code would spend the run's time budget before the faults begin; the
 * REST registration path has its own system test.
 */
final class Citizens {

    /** Centres candidates choose from; {@link #UNSERVED_CENTRE} has none, so its releases can only expire. */
    static final List<String> CENTRES = List.of("korbach", "kassel", "fulda", "giessen", "frankfurt", "darmstadt",
            "wiesbaden", "marburg", "bad-hersfeld");
    static final String UNSERVED_CENTRE = "schwalmstadt";

    private final Map<String, String> candidateByPhone = new LinkedHashMap<>();

    int size() {
        return candidateByPhone.size();
    }

    List<String> candidateIds() {
        return List.copyOf(candidateByPhone.values());
    }

    /** The candidate a message went to, or null for a number that is not one of ours. */
    String candidateOf(String phone) {
        return candidateByPhone.get(phone);
    }

    /**
     * @param keys the platform's key vault: each citizen gets a data key there, as at a registration, and their
     *             name, phone and birth date are sealed with it
     */
    void seed(int count, Random random, EventWriter events, PersonalDataKeys keys)
            throws ExecutionException, InterruptedException {
        PersonalData personalData = new PersonalData(keys, new PersonalDataCipher(), 1);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String candidateId = UUID.randomUUID().toString();
            String phone = String.format("+49151%08d", i + 1);
            List<String> centres = new ArrayList<>(CENTRES);
            Collections.shuffle(centres, random);
            keys.create(candidateId);
            CandidateProfile profile = new CandidateProfile(personalData.seal(candidateId, CandidateRegistered.TYPE,
                    LocalDate.of(1940 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28))),
                    PriorityGroup.values()[random.nextInt(PriorityGroup.values().length)],
                    centres.subList(0, 1 + random.nextInt(3)), 10 + random.nextInt(50),
                    now.minusSeconds(86_400L * 30 - i), true);
            events.write(Topics.CANDIDATE_CONTACTS, candidateId, new CandidateContactChanged(UUID.randomUUID(), now,
                    candidateId, personalData.seal(candidateId, CandidateContactChanged.TYPE,
                            new CandidateContactChanged.Details("Citizen " + (i + 1), phone, null)),
                    "de", PhoneKind.MOBILE));
            events.write(Topics.CANDIDATES, candidateId,
                    new CandidateRegistered(UUID.randomUUID(), now, candidateId, profile));
            candidateByPhone.put(phone, candidateId);
        }
        events.flush();
    }
}
