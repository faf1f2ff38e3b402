package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.candidate.model.Registration;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where registrations live. Each write stores the registration and the events it promises in one atomic
 * single-document write, and the events are published after it (at least once, also after a crash or broker outage).
 */
public interface Registrations {

    /**
     * A verified registration ({@link Registration#needsHouseholdPlace()}) is stored at the first free place among
     * the people on its phone.
     *
     * @throws DuplicateRegistrationException if the phone number is the contact of the most people it may be, or the
     *                                        person is registered and verified already (decided by unique indexes, so
     *                                        concurrent registrations cannot both win)
     */
    void add(Registration registration, String accessTokenHash, List<OutgoingEvent> events);

    /**
     * Stores new registrations that hold no household place (unverified ones) with one write, each with its events.
     *
     * @return for each of {@code added}, in its order, whether it was stored; {@code false} only for a clash of
     * random ids or token hashes (an unverified registration keeps no one out, so no citizen's duplicate)
     */
    List<Boolean> addAllUnplaced(List<Unplaced> added);

    /**
     * A new registration for {@link #addAllUnplaced}.
     *
     * @param correlationId the work (request) its events belong to, sent with them
     */
    record Unplaced(Registration registration, String accessTokenHash, List<OutgoingEvent> events,
                    String correlationId) {
    }

    Optional<Registration> findByAccessTokenHash(String accessTokenHash);

    Optional<Registration> find(String candidateId);

    /** Up to {@code limit} registrations not withdrawn yet that were made before {@code cutoff}, oldest first. */
    List<Registration> findNotWithdrawnRegisteredBefore(Instant cutoff, int limit);

    /** Up to {@code limit} registrations still awaiting verification that were made before {@code cutoff}. */
    List<Registration> findUnverifiedRegisteredBefore(Instant cutoff, int limit);

    /** How many verified, not withdrawn registrations have {@code phone} (E.164) as their contact. */
    int householdPlacesTaken(String phone);

    /** Whether a verified, not withdrawn registration is this person's (see {@code PersonIdentity}). */
    boolean personRegistered(String identityKey);

    /** {@link #householdPlacesTaken(String)} of each of {@code phones}, with one query. */
    Map<String, Integer> householdPlacesTaken(Collection<String> phones);

    /** Those of {@code identityKeys} for which {@link #personRegistered} holds, with one query. */
    Set<String> personsRegistered(Collection<String> identityKeys);

    /**
     * How many candidates in the pool choose one of {@code centreIds} and come before a candidate of {@code group}
     * registered at {@code registeredAt}: in a higher priority group, or in the same group and registered earlier.
     */
    long countInPoolAhead(PriorityGroup group, Instant registeredAt, List<String> centreIds);

    /**
     * Stores {@code next} if the stored registration is still at {@code next.version()}; a registration just
     * verified gets its place among the people on its phone.
     *
     * @return {@code false} if it changed in the meantime; nothing was written
     * @throws DuplicateRegistrationException as {@link #add}
     */
    boolean update(Registration next, List<OutgoingEvent> events);
}
