package de.nachruecker.events.offer;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AppointmentReferenceTest {

    @Test
    void theReferenceIsShortReadableAndTheSameForTheSameOffer() {
        String reference = AppointmentReference.of("5b1f3c2e-8d3a-4c1e-9f0a-1b2c3d4e5f60");

        // Crockford's base32: no I, L, O or U, so no character reads like another
        assertThat(reference).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(AppointmentReference.of("5b1f3c2e-8d3a-4c1e-9f0a-1b2c3d4e5f60")).isEqualTo(reference);
        assertThat(AppointmentReference.of("5b1f3c2e-8d3a-4c1e-9f0a-1b2c3d4e5f61")).isNotEqualTo(reference);
    }

    @Test
    void referencesOfDifferentOffersRarelyCollide() {
        Set<String> references = IntStream.range(0, 10_000).mapToObj(i -> AppointmentReference.of("offer-" + i))
                .collect(Collectors.toSet());
        // 40 bits: among 10,000 offers a collision has a chance of about 5 in 100,000
        assertThat(references).hasSize(10_000);
    }
}
