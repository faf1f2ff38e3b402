package de.nachruecker.slot.config;

import de.nachruecker.slot.release.model.ReleaseRules;
import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import de.nachruecker.support.centre.CentreCatalogue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlotProperties.class)
class SlotConfiguration {

    /** The one source of "now", so that tests can set the time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    VaccineCatalogue vaccineCatalogue(SlotProperties properties) {
        return new VaccineCatalogue(properties.vaccines().stream()
                .map(v -> new Vaccine(v.product(), v.name(), v.dosesPerVial(), v.inUseTime(), v.minimumAge(),
                        v.maximumAge(), v.ageLimitNote()))
                .toList());
    }

    @Bean
    ReleaseRules releaseRules(VaccineCatalogue vaccines, CentreCatalogue centres, SlotProperties properties) {
        return new ReleaseRules(vaccines, centres::contains, properties.maxDoseCount());
    }
}
