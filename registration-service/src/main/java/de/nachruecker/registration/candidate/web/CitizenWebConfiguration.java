package de.nachruecker.registration.candidate.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Hands the signed-in citizen to the {@code /me} pages as a handler parameter ({@link SignedInCitizens}). */
@Configuration
class CitizenWebConfiguration implements WebMvcConfigurer {

    private final SignedInCitizens signedInCitizens;

    CitizenWebConfiguration(SignedInCitizens signedInCitizens) {
        this.signedInCitizens = signedInCitizens;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(signedInCitizens);
    }
}
