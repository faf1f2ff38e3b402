package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnRegistrationsTest {

    private static final AccessToken TOKEN = AccessToken.generate(new SecureRandom());
    private static final Registration STORED = Registration.register("c-1",
            new Applicant("Erika Mustermann", LocalDate.of(1950, 4, 1), "+4915123456789", null),
            PriorityGroup.HIGH, new Preferences(List.of("korbach"), 30, Language.DE), Instant.now());
    private static final Preferences NEW_PREFERENCES = new Preferences(List.of("kassel"), 45, Language.EN);

    @Test
    void retriesOnTheFreshStateWhenSomeoneElseWroteFirst() {
        FakeRegistrations registrations = new FakeRegistrations(2);
        Registration result = new OwnRegistrations(registrations).change(TOKEN, current -> {
            Registration next = current.changePreferences(NEW_PREFERENCES);
            return new OwnRegistrations.Change<>(next, List.of(), next);
        });

        assertThat(result.preferences()).contains(NEW_PREFERENCES);
        assertThat(registrations.updates).isEqualTo(3);
    }

    @Test
    void givesUpAfterRepeatedConflicts() {
        FakeRegistrations registrations = new FakeRegistrations(Integer.MAX_VALUE);
        OwnRegistrations own = new OwnRegistrations(registrations);

        assertThatThrownBy(() -> own.change(TOKEN, current -> new OwnRegistrations.Change<>(
                current.changePreferences(NEW_PREFERENCES), List.of(), current)))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(registrations.updates).isEqualTo(5);
    }

    @Test
    void writesNothingWhenNothingChanges() {
        FakeRegistrations registrations = new FakeRegistrations(0);
        String result = new OwnRegistrations(registrations)
                .change(TOKEN, current -> OwnRegistrations.Change.<String>none("same"));
        assertThat(result).isEqualTo("same");
        assertThat(registrations.updates).isZero();
    }

    @Test
    void thePlatformChangesARegistrationByCandidateIdWithTheSameRetries() {
        FakeRegistrations registrations = new FakeRegistrations(1);
        Optional<String> result = new OwnRegistrations(registrations).changeCandidate("c-1", current ->
                new OwnRegistrations.Change<>(current.changePreferences(NEW_PREFERENCES), List.of(), "changed"));

        assertThat(result).contains("changed");
        assertThat(registrations.updates).isEqualTo(2);
        assertThat(new OwnRegistrations(registrations).changeCandidate("unknown",
                current -> OwnRegistrations.Change.none("never"))).isEmpty();
    }

    @Test
    void anUnknownTokenFindsNothing() {
        OwnRegistrations own = new OwnRegistrations(new FakeRegistrations(0));
        assertThatThrownBy(() -> own.find(AccessToken.generate(new SecureRandom())))
                .isInstanceOf(UnknownAccessTokenException.class);
    }

    /** Holds one registration under {@link #TOKEN}; the first {@code conflicts} updates lose a race. */
    private static final class FakeRegistrations implements Registrations {

        private final int conflicts;
        int updates;

        FakeRegistrations(int conflicts) {
            this.conflicts = conflicts;
        }

        @Override
        public void add(Registration registration, String accessTokenHash, List<OutgoingEvent> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Registration> findByAccessTokenHash(String accessTokenHash) {
            return accessTokenHash.equals(TOKEN.hash()) ? Optional.of(STORED) : Optional.empty();
        }

        @Override
        public Optional<Registration> find(String candidateId) {
            return candidateId.equals(STORED.candidateId()) ? Optional.of(STORED) : Optional.empty();
        }

        @Override
        public List<Registration> findNotWithdrawnRegisteredBefore(Instant cutoff, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Registration> findUnverifiedRegisteredBefore(Instant cutoff, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int householdPlacesTaken(String phone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean personRegistered(String identityKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Boolean> addAllUnplaced(List<Unplaced> added) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Integer> householdPlacesTaken(Collection<String> phones) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> personsRegistered(Collection<String> identityKeys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countInPoolAhead(PriorityGroup group, Instant registeredAt, List<String> centreIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(Registration next, List<OutgoingEvent> events) {
            updates++;
            if (updates <= conflicts) {
                return false;
            }
            return true;
        }
    }
}
