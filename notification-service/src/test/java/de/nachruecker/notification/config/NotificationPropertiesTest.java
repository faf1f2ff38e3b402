package de.nachruecker.notification.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** application.yml and the local profile bind to the properties the service reads. */
class NotificationPropertiesTest {

    @Test
    void defaultsLeaveSmsCredentialsToTheEnvironment() throws IOException {
        NotificationProperties properties = bind("application.yml");

        assertThat(properties.answerBaseUrl()).isEqualTo("http://localhost:8081");
        assertThat(properties.sms().baseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(properties.sms().accountSid()).isNull();
        assertThat(properties.sms().authToken()).isNull();
        assertThat(properties.delivery().lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.delivery().workers()).isEqualTo(8);
        assertThat(properties.delivery().inFlight()).isEqualTo(32);
        assertThat(properties.delivery().shutdownTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.delivery().maxAttemptsPerChannel()).isEqualTo(4);
        assertThat(properties.mail().from()).isEqualTo("Nachrücker <noreply@nachruecker.invalid>");
    }

    @Test
    void localProfileTalksToTheStandInGateway() throws IOException {
        StandardEnvironment environment = environment("application-local.yml", "application.yml");

        NotificationProperties properties = bind(environment);

        assertThat(properties.sms().accountSid()).startsWith("AC");
        assertThat(properties.sms().authToken()).isNotBlank();
        assertThat(properties.sms().from()).isEqualTo("Nachruecker");
        assertThat(properties.delivery().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(environment.getProperty("nachruecker.notification.outbox-page.enabled", Boolean.class)).isTrue();
    }

    private static NotificationProperties bind(String resource) throws IOException {
        return bind(environment(resource));
    }

    private static NotificationProperties bind(StandardEnvironment environment) {
        return Binder.get(environment)
                .bindOrCreate("nachruecker.notification", NotificationProperties.class);
    }

    /** Earlier resources take precedence, as a profile's file does over application.yml. */
    private static StandardEnvironment environment(String... resources) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        for (String resource : resources) {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(resource,
                    new ClassPathResource(resource))) {
                environment.getPropertySources().addLast(source);
            }
        }
        return environment;
    }
}
