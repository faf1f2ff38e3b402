package de.nachruecker.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed staff sign-ins per account and per client address, with a back-off that doubles with every further failure.
 * During a back-off the caller refuses the sign-in without checking the password, so guessing gets no answer and
 * costs no bcrypt. A successful sign-in clears its account (not its address: one valid account must not reset the
 * count of an address that guesses others).
 *
 * <p>Memory is bounded: each table keeps at most {@code maxTracked} entries, dropping the one whose last failure is
 * oldest. Account names are kept as salted hashes (a password typed into the name field stays out of memory dumps).
 * Per instance: behind a load balancer each instance throttles on its own, which stays a bound.
 */
public class SignInThrottle {

    /** What a back-off is for. */
    public enum Scope { ACCOUNT, ADDRESS }

    /** A refusal: which scope is backing off and for how long still. */
    public record BackOff(Scope scope, Duration remaining) {
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant blockedUntil = Instant.MIN;
    }

    private final SignInThrottleProperties settings;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Failures> accounts;
    private final Map<String, Failures> addresses;

    public SignInThrottle(SignInThrottleProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
        this.accounts = bounded(settings.maxTracked());
        this.addresses = bounded(settings.maxTracked());
    }

    /** The back-off in force for this account or address, if any (the longer one). */
    public synchronized Optional<BackOff> backOff(String account, String address) {
        Instant now = clock.instant();
        Duration forAccount = remaining(accounts.get(key(account)), now);
        Duration forAddress = remaining(addresses.get(address), now);
        if (forAccount.isZero() && forAddress.isZero()) {
            return Optional.empty();
        }
        return Optional.of(forAccount.compareTo(forAddress) >= 0 ? new BackOff(Scope.ACCOUNT, forAccount)
                : new BackOff(Scope.ADDRESS, forAddress));
    }

    /**
     * Counts a failed sign-in (the password was checked and was wrong).
     *
     * @return the failures in a row of the account, for the log
     */
    public synchronized int failed(String account, String address) {
        Instant now = clock.instant();
        int accountFailures = count(accounts, key(account), settings.accountFailures(), now);
        count(addresses, address, settings.addressFailures(), now);
        return accountFailures;
    }

    /** The account's password was right: its failures are forgotten. */
    public synchronized void succeeded(String account) {
        accounts.remove(key(account));
    }

    /** Accounts and addresses tracked, for tests of the bound. */
    synchronized int tracked() {
        return accounts.size() + addresses.size();
    }

    private int count(Map<String, Failures> table, String key, int allowed, Instant now) {
        Failures failures = table.remove(key); // re-inserted below: the table's order is by last failure
        if (failures == null || forgotten(failures, now)) {
            failures = new Failures();
        }
        failures.count++;
        failures.last = now;
        if (failures.count >= allowed) {
            failures.blockedUntil = now.plus(backOff(failures.count - allowed));
        }
        table.put(key, failures);
        return failures.count;
    }

    private Duration backOff(int beyondAllowed) {
        Duration backOff = settings.initialBackOff();
        for (int i = 0; i < beyondAllowed && backOff.compareTo(settings.maxBackOff()) < 0; i++) {
            backOff = backOff.multipliedBy(2);
        }
        return backOff.compareTo(settings.maxBackOff()) > 0 ? settings.maxBackOff() : backOff;
    }

    private boolean forgotten(Failures failures, Instant now) {
        return !now.isBefore(failures.blockedUntil) && !now.isBefore(failures.last.plus(settings.forgetAfter()));
    }

    private static Duration remaining(Failures failures, Instant now) {
        return failures == null || !now.isBefore(failures.blockedUntil) ? Duration.ZERO
                : Duration.between(now, failures.blockedUntil);
    }

    private String key(String account) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(String.valueOf(account).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Map<String, Failures> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > max;
            }
        };
    }
}
