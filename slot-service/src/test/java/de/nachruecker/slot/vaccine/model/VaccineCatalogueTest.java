package de.nachruecker.slot.vaccine.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VaccineCatalogueTest {

    static Vaccine vaccine(String product, Duration inUse) {
        return new Vaccine(product, product, 6, inUse, 16, null, "note");
    }

    @Test
    void findsProductsByCodeInConfigurationOrder() {
        VaccineCatalogue catalogue = new VaccineCatalogue(List.of(vaccine("SPIKEVAX", Duration.ofHours(6)),
                vaccine("COMIRNATY", Duration.ofHours(6))));

        assertThat(catalogue.products()).containsExactly("SPIKEVAX", "COMIRNATY");
        assertThat(catalogue.find("COMIRNATY")).map(Vaccine::product).contains("COMIRNATY");
        assertThat(catalogue.find("comirnaty")).isEmpty();
        assertThat(catalogue.find(null)).isEmpty();
    }

    @Test
    void refusesAProductListedTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VaccineCatalogue(List.of(
                vaccine("JANSSEN", Duration.ofHours(2)), vaccine("JANSSEN", Duration.ofHours(6)))))
                .withMessageContaining("JANSSEN");
    }

    @Test
    void refusesImplausibleProductData() {
        assertThatIllegalArgumentException().isThrownBy(() -> vaccine("X", Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Vaccine("X", "X", 0, Duration.ofHours(6), 16, null, null));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Vaccine("X", "X", 6, Duration.ofHours(6), 60, 18, null));
    }

    @Test
    void anOpenedVialIsUsableForTheInUseTime() {
        assertThat(vaccine("JANSSEN", Duration.ofHours(2)).usableUntilAfterOpening(
                Instant.parse("2021-05-10T09:15:00Z"))).isEqualTo(Instant.parse("2021-05-10T11:15:00Z"));
    }
}
