package de.nachruecker.registration.config;

import de.nachruecker.registration.ratelimit.model.Allowance;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Rate limits per client address and per phone number ({@code nachruecker.registration.rate-limits.*}), documented in
 * the module README. An address may be shared (a care home, a town hall helping citizens, a mobile carrier's NAT), so
 * the address allowances are generous; the phone allowances are the tight ones. The defaults are in the service's
 * {@code application.yml}.
 *
 * @param sweepInterval how often buckets that refilled completely are dropped from memory
 */
@ConfigurationProperties("nachruecker.registration.rate-limits")
public record RateLimitProperties(
        Limit register,
        Limit sendCode,
        Limit verify,
        Limit answer,
        Limit signIn,
        @DefaultValue("5m") Duration sweepInterval) {

    /**
     * @param perAddress requests per period from one client address
     * @param perPhone   requests per period for one phone number (0: not limited by phone)
     * @param period     the period over which the allowance refills
     */
    public record Limit(int perAddress, @DefaultValue("0") int perPhone, Duration period) {
    }

    public Map<LimitedAction, Allowance> allowances() {
        Map<LimitedAction, Allowance> allowances = new EnumMap<>(LimitedAction.class);
        allowances.put(LimitedAction.REGISTER, allowance(register));
        allowances.put(LimitedAction.SEND_CODE, allowance(sendCode));
        allowances.put(LimitedAction.VERIFY, allowance(verify));
        allowances.put(LimitedAction.ANSWER, allowance(answer));
        allowances.put(LimitedAction.SIGN_IN, allowance(signIn));
        return allowances;
    }

    private static Allowance allowance(Limit limit) {
        if (limit == null) {
            throw new IllegalStateException("every action under nachruecker.registration.rate-limits needs a limit");
        }
        return new Allowance(limit.perAddress(), limit.perPhone(), limit.period());
    }
}
