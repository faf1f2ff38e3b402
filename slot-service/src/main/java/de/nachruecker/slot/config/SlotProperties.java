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
 */
@Validated
@ConfigurationProperties("nachruecker.slot")
public record SlotProperties(@DefaultValue("1000") @Min(1) int maxDoseCount,
                             @DefaultValue("Europe/Berlin") @NotNull ZoneId zone,
                             @DefaultValue("3s") @NotNull Duration pageRefresh) {
}
