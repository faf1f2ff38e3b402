package de.nachruecker.registration.config;

import de.nachruecker.registration.candidate.application.RegistrationRules;
import de.nachruecker.registration.candidate.model.AgeLimitPolicy;
import de.nachruecker.registration.candidate.model.CentreChoicePolicy;
import de.nachruecker.registration.candidate.model.MobileNumberPolicy;
import de.nachruecker.registration.candidate.model.VerificationPolicy;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

import java.security.SecureRandom;
import java.time.Clock;

@Configuration
@EnableConfigurationProperties({RegistrationProperties.class, OfferProperties.class, RateLimitProperties.class})
@SecurityScheme(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The personal access token handed out once at registration")
public class RegistrationConfiguration {

    public static final String ACCESS_TOKEN_SCHEME = "accessToken";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Boot backs off its own resolver for a bean of this name. */
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    RegistrationRules registrationRules(RegistrationProperties properties, CentreCatalogue centres) {
        return new RegistrationRules(
                new AgeLimitPolicy(properties.minAge(), properties.maxAge()),
                new MobileNumberPolicy(properties.phoneDefaultRegion(), properties.phoneRegions()),
                new CentreChoicePolicy(centres::contains, properties.maxCentres()),
                properties.minTravelMinutes(), properties.maxTravelMinutes(), properties.zone(),
                new VerificationPolicy(properties.verification().codeValidity(),
                        properties.verification().maxAttempts(), properties.verification().maxCodes(),
                        properties.verification().resendInterval()));
    }
}
