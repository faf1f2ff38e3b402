package de.nachruecker.systemtest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The demo staff users of the local profile (password {@code demo-password}, documented for the local run only). The
 * tests always send their credentials, so they pass whether or not a service requires staff authentication yet.
 */
enum Staff {
    OPERATOR_KORBACH("operator-korbach"),
    OPS("ops"),
    ADMIN("admin");

    static final String DEMO_PASSWORD = "demo-password";

    private final String username;

    Staff(String username) {
        this.username = username;
    }

    /** Who publishes doses for a centre: its own operator where the demo has one, else the administrator. */
    static Staff publisherFor(String centreId) {
        return "korbach".equals(centreId) ? OPERATOR_KORBACH : ADMIN;
    }

    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
