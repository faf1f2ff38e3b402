package de.nachruecker.support.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDefaultsTest {

    @Test
    void theLocalProfileBringsTheDemoStaffAndNothingElseDoes() {
        StandardEnvironment local = new StandardEnvironment();
        local.setActiveProfiles("local");
        new ServiceDefaults().postProcessEnvironment(local, new SpringApplication());
        assertThat(local.getProperty("nachruecker.security.staff-users[0].username")).isEqualTo("operator-korbach");
        assertThat(local.getProperty("spring.cloud.stream.function.autodetect")).isEqualTo("false");

        StandardEnvironment production = new StandardEnvironment();
        new ServiceDefaults().postProcessEnvironment(production, new SpringApplication());
        assertThat(production.getProperty("nachruecker.security.staff-users[0].username")).isNull();
        assertThat(production.getProperty("spring.cloud.stream.function.autodetect")).isEqualTo("false");
    }

    @Test
    void aServiceSettingWinsOverTheDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("service",
                java.util.Map.of("spring.kafka.bootstrap-servers", "broker:29092")));
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("broker:29092");
    }
}
