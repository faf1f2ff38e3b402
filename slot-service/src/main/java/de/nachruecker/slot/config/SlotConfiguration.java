package de.nachruecker.slot.config;

import de.nachruecker.events.vaccine.VaccineProduct;
import de.nachruecker.slot.release.model.ReleaseRules;
import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import de.nachruecker.support.centre.CentreCatalogue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Arrays;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlotProperties.class)
class SlotConfiguration {

    /** The one source of "now", so that tests can set the time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The products of event-contracts' VaccineProduct: the facts allocation-service enforces too. */
    @Bean
    VaccineCatalogue vaccineCatalogue() {
        return new VaccineCatalogue(Arrays.stream(VaccineProduct.values())
                .map(product -> new Vaccine(product.name(), product.displayName(), product.dosesPerVial(),
                        product.inUseTime(), product.minimumAge(), null, product.note()))
                .toList());
    }

    @Bean
    ReleaseRules releaseRules(VaccineCatalogue vaccines, CentreCatalogue centres, SlotProperties properties) {
        return new ReleaseRules(vaccines, centres::contains, properties.maxDoseCount());
    }
}
