package de.nachruecker.slot.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code nachruecker.slot.*}: the vaccine catalogue and the limits of a release.
 *
 * @param maxDoseCount the largest dose count one release may have; larger counts are taken for typing errors
 * @param vaccines     the products centres may release, with their 2021 defaults in {@code application.yml}
 * @param zone         the time zone operators' pages show and read times in
 * @param pageRefresh  how often an open release page fetches the latest fill
 */
@Validated
@ConfigurationProperties("nachruecker.slot")
public record SlotProperties(@DefaultValue("1000") @Min(1) int maxDoseCount,
                             @NotEmpty List<@Valid VaccineProperties> vaccines,
                             @DefaultValue("Europe/Berlin") @NotNull ZoneId zone,
                             @DefaultValue("3s") @NotNull Duration pageRefresh) {

    /**
     * One product of the catalogue.
     *
     * @param inUseTime    how long an opened vial stays usable (e.g. {@code 6h})
     * @param maximumAge   empty for no upper age limit
     * @param ageLimitNote where the age limits come from
     */
    public record VaccineProperties(@NotBlank String product, @NotBlank String name, @Min(1) int dosesPerVial,
                                    @NotNull Duration inUseTime, @Min(0) int minimumAge, Integer maximumAge,
                                    String ageLimitNote) {
    }
}
