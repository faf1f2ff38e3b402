package de.nachruecker.platform;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformEndpointsTest {

    /** A CI run once failed because the store and the SMTP server were given the same port. */
    @RepeatedTest(50)
    void freeEndpointsNeverShareAPort() {
        PlatformEndpoints endpoints = PlatformEndpoints.free();

        assertThat(endpoints.ports()).doesNotHaveDuplicates();
    }
}
