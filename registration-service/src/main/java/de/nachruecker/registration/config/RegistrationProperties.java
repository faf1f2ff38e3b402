package de.nachruecker.registration.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * Rules of registration ({@code nachruecker.registration.*}), documented in the module README.
 *
 * @param minAge             youngest age that may register (vaccines of 2021 were approved from 16)
 * @param maxAge             oldest plausible age
 * @param maxCentres         how many centres a candidate may choose
 * @param minTravelMinutes   lower bound of the travel time a candidate may state
 * @param maxTravelMinutes   upper bound of the travel time a candidate may state
 * @param phoneDefaultRegion region of phone numbers given without country code
 * @param phoneRegions       regions (ISO 3166 alpha-2) whose mobile numbers are accepted
 * @param zone               time zone in which "today" is decided for age limits
 * @param verification       limits of phone verification by SMS code
 * @param retention          how long a registration is kept from the day it was made; then it is erased like a
 *                           withdrawal
 * @param retentionSweepInterval how often registrations past the retention period are looked for
 * @param unverifiedRetention how long a registration whose phone was never verified is kept; then it is erased like a
 *                           withdrawal (it never kept anyone out: unverified registrations hold no place)
 * @param household          several people on one phone number
 * @param intake             how registrations that send a code are written in batches
 */
@ConfigurationProperties("nachruecker.registration")
public record RegistrationProperties(
        @DefaultValue("16") int minAge,
        @DefaultValue("120") int maxAge,
        @DefaultValue("5") int maxCentres,
        @DefaultValue("5") int minTravelMinutes,
        @DefaultValue("180") int maxTravelMinutes,
        @DefaultValue("DE") String phoneDefaultRegion,
        @DefaultValue({"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
                "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}) Set<String> phoneRegions,
        @DefaultValue("Europe/Berlin") ZoneId zone,
        @DefaultValue Verification verification,
        @DefaultValue("180d") Duration retention,
        @DefaultValue("1h") Duration retentionSweepInterval,
        @DefaultValue("24h") Duration unverifiedRetention,
        @DefaultValue Household household,
        @DefaultValue Intake intake) {

    /**
     * @param committers threads that write registrations: each takes every registration that queued while it wrote
     *                   the last batch, so a lone registration is written at once and batches form under load only
     * @param maxBatch   most registrations one batch writes
     */
    public record Intake(
            @DefaultValue("8") int committers,
            @DefaultValue("64") int maxBatch) {

        public Intake {
            if (committers < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("intake committers and max-batch must be at least 1");
            }
        }
    }

    /**
     * @param maxPersonsPerPhone how many people's registrations one verified phone number (a daughter's mobile, a care
     *                           home's) may be the contact of
     * @param proofValidity      how long after a code proved possession of a phone another person may be registered
     *                           on that phone without a new code (the proof is carried over, not renewed)
     */
    public record Household(
            @DefaultValue("6") int maxPersonsPerPhone,
            @DefaultValue("30m") Duration proofValidity) {

        public Household {
            if (maxPersonsPerPhone < 1) {
                throw new IllegalArgumentException("max-persons-per-phone must be at least 1: " + maxPersonsPerPhone);
            }
        }
    }

    /**
     * @param codeValidity   how long a code can be entered
     * @param maxAttempts    wrong entries allowed per code
     * @param maxCodes       codes sent per registration, the first included
     * @param resendInterval least time between two codes
     */
    public record Verification(
            @DefaultValue("15m") Duration codeValidity,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("5") int maxCodes,
            @DefaultValue("60s") Duration resendInterval) {
    }
}
