package de.nachruecker.allocation.config;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.offer.model.Eligibility;
import de.nachruecker.allocation.offer.model.OfferPlanner;
import de.nachruecker.allocation.offer.model.WaveSizingPolicy;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;

@Configuration
@EnableConfigurationProperties(AllocationProperties.class)
public class AllocationConfiguration {

    /** Injectable so that tests move time instead of waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    CandidateIndex candidateIndex() {
        return new CandidateIndex();
    }

    @Bean
    OfferPlanner offerPlanner() {
        return new OfferPlanner(Eligibility.standard());
    }

    @Bean
    WaveSizingPolicy waveSizingPolicy(AllocationProperties properties) {
        return new WaveSizingPolicy(properties.priorAcceptance(), properties.priorWeight(), properties.maxWaveSize());
    }
}
