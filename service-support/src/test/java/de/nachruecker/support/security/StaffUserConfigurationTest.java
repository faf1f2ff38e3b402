package de.nachruecker.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.AuthenticationProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Configured staff users must come with hashed passwords and a role: anything else stops the service at start. */
class StaffUserConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StaffSecurityAutoConfiguration.class))
            .withPropertyValues("nachruecker.security.staff-users[0].username=alice");

    @Test
    void plainTextPasswordsStopTheStart() {
        context.withPropertyValues("nachruecker.security.staff-users[0].password=secret",
                        "nachruecker.security.staff-users[0].roles=ADMIN")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("never plain text"));
        context.withPropertyValues("nachruecker.security.staff-users[0].password={noop}secret",
                        "nachruecker.security.staff-users[0].roles=ADMIN")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("never plain text"));
    }

    @Test
    void aUserWithoutRoleStopsTheStart() {
        context.withPropertyValues("nachruecker.security.staff-users[0].password=" + StaffSecurityIT.DEMO_HASH)
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("has no role"));
    }

    @Test
    void aHashedUserWithRoleAndCentresIsLoaded() {
        context.withPropertyValues("nachruecker.security.staff-users[0].password=" + StaffSecurityIT.DEMO_HASH,
                        "nachruecker.security.staff-users[0].roles=OPERATOR",
                        "nachruecker.security.staff-users[0].centres=korbach,kassel")
                .run(started -> assertThat(started.getBean(
                        org.springframework.security.provisioning.InMemoryUserDetailsManager.class)
                        .loadUserByUsername("alice").getAuthorities())
                        .extracting(Object::toString)
                        .containsExactlyInAnyOrder("ROLE_OPERATOR", "CENTRE_korbach", "CENTRE_kassel"));
    }

    /** A service without staff pages (registration) keeps the sign-in, for its management endpoints only. */
    @Test
    void withoutTheSwitchThereIsNoLoginPageButStillTheThrottledSignIn() {
        context.withPropertyValues("nachruecker.security.staff.enabled=false",
                        "nachruecker.security.staff-users[0].password=" + StaffSecurityIT.DEMO_HASH,
                        "nachruecker.security.staff-users[0].roles=OPS")
                .run(started -> assertThat(started).doesNotHaveBean(StaffLoginController.class)
                        .hasSingleBean(SignInThrottle.class)
                        .getBean(AuthenticationProvider.class).isInstanceOf(ThrottledSignIns.class));
    }
}
