package de.nachruecker.support.correlation;

import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that follows one piece of work (a registration, a release and everything it causes) through all services:
 * in the logging context ({@value #MDC_KEY}, so every structured log line carries it), in HTTP
 * ({@value #HTTP_HEADER}) and on every Kafka record ({@value #KAFKA_HEADER}), including records published later by
 * the outbox.
 */
public final class CorrelationId {

    public static final String MDC_KEY = "correlationId";
    public static final String HTTP_HEADER = "X-Correlation-Id";
    public static final String KAFKA_HEADER = "correlation-id";

    /** Accepting any caller-chosen value would let a client inject text into logs. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    /** The id of the work in progress on this thread, or a new one. */
    public static String currentOrNew() {
        String current = MDC.get(MDC_KEY);
        return current != null ? current : UUID.randomUUID().toString();
    }

    /**
     * Makes {@code candidate} (or a new id, if it is missing or malformed) the current id until the returned scope is
     * closed; the previous id is restored then.
     */
    public static Scope open(String candidate) {
        String previous = MDC.get(MDC_KEY);
        String id = candidate != null && ACCEPTED.matcher(candidate).matches() ? candidate
                : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        return new Scope(id, previous);
    }

    public static final class Scope implements AutoCloseable {

        private final String id;
        private final String previous;

        private Scope(String id, String previous) {
            this.id = id;
            this.previous = previous;
        }

        public String id() {
            return id;
        }

        @Override
        public void close() {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
