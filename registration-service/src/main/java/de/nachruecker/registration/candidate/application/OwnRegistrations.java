package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Registration;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A citizen's access to their own registration, by access token only (and the platform's own changes to a
 * registration, by candidate id). Changes are optimistic: derived from the state read, stored only if nobody changed
 * it meanwhile, retried a few times otherwise.
 */
@Component
public class OwnRegistrations {

    private static final int ATTEMPTS = 5;

    private final Registrations registrations;

    public OwnRegistrations(Registrations registrations) {
        this.registrations = registrations;
    }

    /** @throws UnknownAccessTokenException if no registration has this token */
    public Registration find(AccessToken token) {
        return registrations.findByAccessTokenHash(token.hash()).orElseThrow(UnknownAccessTokenException::new);
    }

    /** Applies {@code change} to the current state and stores its outcome with its events in one write. */
    public <T> T change(AccessToken token, Function<Registration, Change<T>> change) {
        return change(() -> find(token), change);
    }

    /**
     * The same for what the platform itself changes (arrivals at a centre, the end of the retention period).
     *
     * @return empty if no registration has this id
     */
    public <T> Optional<T> changeCandidate(String candidateId, Function<Registration, Change<T>> change) {
        if (registrations.find(candidateId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(change(() -> registrations.find(candidateId).orElseThrow(), change));
    }

    private <T> T change(Supplier<Registration> read, Function<Registration, Change<T>> change) {
        for (int attempt = 1; ; attempt++) {
            Registration current = read.get();
            Change<T> outcome = change.apply(current);
            if (outcome.next() == null || registrations.update(outcome.next(), outcome.events())) {
                return outcome.result();
            }
            if (attempt == ATTEMPTS) {
                throw new ConcurrentChangeException(current.candidateId());
            }
        }
    }

    /**
     * @param next   the state to store, {@code null} if nothing changes
     * @param result what the caller gets once it is stored
     */
    public record Change<T>(Registration next, List<OutgoingEvent> events, T result) {

        public Change {
            events = List.copyOf(events);
        }

        public static <T> Change<T> none(T result) {
            return new Change<>(null, List.of(), result);
        }
    }
}
