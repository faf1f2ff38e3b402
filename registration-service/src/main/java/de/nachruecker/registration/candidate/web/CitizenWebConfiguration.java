package de.nachruecker.registration.candidate.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Hands the signed-in citizen to the {@code /me} pages ({@link SignedInCitizens}) and the calling citizen to the JSON
 * API ({@link CallingCitizens}) as a handler parameter.
 */
@Configuration
class CitizenWebConfiguration implements WebMvcConfigurer {

    private final SignedInCitizens signedInCitizens;

    CitizenWebConfiguration(SignedInCitizens signedInCitizens) {
        this.signedInCitizens = signedInCitizens;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(signedInCitizens);
        resolvers.add(new CallingCitizens());
    }
}
