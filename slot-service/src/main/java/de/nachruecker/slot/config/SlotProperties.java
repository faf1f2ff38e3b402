package de.nachruecker.slot.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code nachruecker.slot.*}: the limits of a release and the pages' time zone. The vaccine products are not
 * configuration: they come from {@code VaccineProduct} in event-contracts, shared with the allocation service.
 *
 * @param maxDoseCount the largest dose count one release may have; larger counts are taken for typing errors
 * @param zone         the time zone operators' pages show and read times in
 * @param pageRefresh  how often an open release page fetches the latest fill
 * @param publishing   how new releases are written in batches
 */
@Validated
@ConfigurationProperties("nachruecker.slot")
public record SlotProperties(@DefaultValue("1000") @Min(1) int maxDoseCount,
                             @DefaultValue("Europe/Berlin") @NotNull ZoneId zone,
                             @DefaultValue("3s") @NotNull Duration pageRefresh,
                             @DefaultValue @NotNull Publishing publishing) {

    /**
     * New releases are written with the ones that arrive meanwhile (an application-level group commit).
     *
     * @param committers threads that write new releases: each takes every release that queued while it wrote the last
     *                   batch, so a lone release is written at once and batches form under load only; the fewer, the
     *                   larger the batches (one insert round trip each)
     * @param maxBatch   most releases one insert writes
     */
    public record Publishing(@DefaultValue("1") @Min(1) int committers,
                             @DefaultValue("64") @Min(1) int maxBatch) {
    }
}
