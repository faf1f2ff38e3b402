package de.nachruecker.support.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code service-defaults.yml} as the property source of lowest precedence, so every service starts with the
 * platform's settings (reliable producers, dead letters, health, metrics, structured logs) and can still override any
 * of them in its own {@code application.yml}, by profile or by environment variable. With the {@code local} profile,
 * {@code service-defaults-local.yml} (the demo staff users) comes first among them.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "service-defaults.yml";
    static final String LOCAL_RESOURCE = "service-defaults-local.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles("local")) {
            addLast(environment, "nachruecker-service-defaults-local", LOCAL_RESOURCE);
        }
        addLast(environment, "nachruecker-service-defaults", RESOURCE);
    }

    private static void addLast(ConfigurableEnvironment environment, String name, String resource) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, new ClassPathResource(resource))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
