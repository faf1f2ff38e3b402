package de.nachruecker.registration.ratelimit.application;

import de.nachruecker.registration.config.RateLimitProperties;
import de.nachruecker.registration.ratelimit.model.Allowance;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.registration.shared.model.Sha256;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Token buckets in memory, one per action and client address and one per action and phone number (SMS pumping comes
 * from many addresses at one number). Per instance: behind a load balancer each instance limits on its own, which
 * stays a bound. Phone numbers are kept only as hashes, and buckets that refilled completely are dropped.
 */
@Component
public class RateLimiter {

    /** What a bucket limits. */
    private enum By { ADDRESS, PHONE }

    private record Key(LimitedAction action, By by, String value) {
    }

    private final Map<LimitedAction, Allowance> allowances;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<LimitedAction, Map<By, Counter>> refusals = new EnumMap<>(LimitedAction.class);

    public RateLimiter(RateLimitProperties properties, MeterRegistry meters) {
        this.allowances = properties.allowances();
        for (LimitedAction action : LimitedAction.values()) {
            if (!allowances.containsKey(action)) {
                throw new IllegalStateException("no rate limit configured for " + action);
            }
            Map<By, Counter> counters = new EnumMap<>(By.class);
            for (By by : By.values()) {
                counters.put(by, Counter.builder("registration.rate-limited")
                        .description("Requests refused by a rate limit, by action and by what was limited")
                        .tag("action", lower(action)).tag("by", lower(by)).register(meters));
            }
            refusals.put(action, counters);
        }
    }

    /**
     * Takes one request of {@code action} from the allowance of {@code clientAddress}.
     *
     * @throws RateLimitExceededException if it is used up
     */
    public void checkAddress(LimitedAction action, String clientAddress) {
        take(new Key(action, By.ADDRESS, String.valueOf(clientAddress)));
    }

    /**
     * Takes one request of {@code action} from the allowance of {@code phone} (E.164), where the action limits phone
     * numbers.
     *
     * @throws RateLimitExceededException if it is used up
     */
    public void checkPhone(LimitedAction action, String phone) {
        if (allowances.get(action).limitsPhones()) {
            take(new Key(action, By.PHONE, Sha256.hex(phone)));
        }
    }

    /**
     * Takes one {@code action} from the allowances of {@code clientAddress} and of {@code phone} (E.164, or null when
     * unknown), runs {@code work}, and gives both back if the work throws: only what was done counts. So a request the
     * work refuses (a new code asked for too soon) does not use up what the citizen may do once it is allowed. The
     * allowance is taken before the work, not after, so that concurrent requests cannot all pass the check first.
     *
     * @throws RateLimitExceededException if either allowance is used up (then nothing is taken and nothing runs)
     */
    public <T> T spendOnSuccess(LimitedAction action, String clientAddress, String phone, Supplier<T> work) {
        Bucket address = take(new Key(action, By.ADDRESS, String.valueOf(clientAddress)));
        Bucket number = null;
        try {
            if (phone != null && allowances.get(action).limitsPhones()) {
                number = take(new Key(action, By.PHONE, Sha256.hex(phone)));
            }
            return work.get();
        } catch (RuntimeException | Error e) {
            address.addTokens(1);
            if (number != null) {
                number.addTokens(1);
            }
            throw e;
        }
    }

    private Bucket take(Key key) {
        Bucket bucket = buckets.computeIfAbsent(key, this::bucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refusals.get(key.action()).get(key.by()).increment();
            throw new RateLimitExceededException(key.action(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        return bucket;
    }

    private Bucket bucket(Key key) {
        Allowance allowance = allowances.get(key.action());
        int capacity = capacity(key);
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, allowance.period())).build();
    }

    private int capacity(Key key) {
        Allowance allowance = allowances.get(key.action());
        return key.by() == By.PHONE ? allowance.perPhone() : allowance.perAddress();
    }

    /** A full bucket is the same as no bucket: dropping it keeps memory bounded by the recent clients. */
    @Scheduled(fixedDelayString = "${nachruecker.registration.rate-limits.sweep-interval:5m}")
    void dropRefilledBuckets() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= capacity(entry.getKey()));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
