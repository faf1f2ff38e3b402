package de.nachruecker.events.vaccine;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The vaccine products of 2021 and their own facts, as their EU product information states them: the one source for
 * every service. Slot-service publishes releases of these products and shows them ({@code GET /api/vaccines});
 * allocation-service never offers a dose to someone younger than the product's {@link #minimumAge()}, whatever the
 * rules in force say. Dated recommendations that restrict a product further (STIKO: Vaxzevria for 60+ from 31 March
 * 2021, Janssen for 60+ from 10 May 2021) are not product facts: they are the allocation service's dated rule sets,
 * which may raise a product's minimum age and never lower it.
 *
 * <p>The minimum ages are those the products were authorised with; later extensions to younger people (Comirnaty
 * 12+ from 31 May 2021, Spikevax 12+ from 23 July 2021) are not modelled, so the limits stay on the safe side.
 */
public enum VaccineProduct {

    COMIRNATY("Comirnaty (BioNTech/Pfizer)", 6, Duration.ofHours(6), 16,
            "EU authorisation Dec 2020 for 16+ (12+ from 31 May 2021, not modelled); 6 h after dilution"),
    SPIKEVAX("Spikevax (Moderna)", 10, Duration.ofHours(6), 18,
            "EU authorisation Jan 2021 for 18+ (12+ from 23 July 2021, not modelled); 6 h after first puncture"),
    // 48 h at 2-8 °C, of which at most 6 h at room temperature: 6 h is the safe value
    VAXZEVRIA("Vaxzevria (AstraZeneca)", 10, Duration.ofHours(6), 18,
            "EU authorisation Jan 2021 for 18+; STIKO: 60+ from 31 March 2021 (a dated rule of the allocation "
                    + "service)"),
    // 6 h at 2-8 °C or 2 h at up to 25 °C: 2 h is the safe value
    JANSSEN("COVID-19 Vaccine Janssen (Johnson & Johnson)", 5, Duration.ofHours(2), 18,
            "EU authorisation March 2021 for 18+; STIKO: 60+ from 10 May 2021 (a dated rule of the allocation "
                    + "service)");

    private final String displayName;
    private final int dosesPerVial;
    private final Duration inUseTime;
    private final int minimumAge;
    private final String note;

    VaccineProduct(String displayName, int dosesPerVial, Duration inUseTime, int minimumAge, String note) {
        this.displayName = displayName;
        this.dosesPerVial = dosesPerVial;
        this.inUseTime = inUseTime;
        this.minimumAge = minimumAge;
        this.note = note;
    }

    /** The product by its code, as releases and events carry it; empty for a code no product has. */
    public static Optional<VaccineProduct> of(String code) {
        return Arrays.stream(values()).filter(product -> product.name().equals(code)).findFirst();
    }

    /** The product's name for people. */
    public String displayName() {
        return displayName;
    }

    public int dosesPerVial() {
        return dosesPerVial;
    }

    /** How long an opened (diluted, punctured) vial stays usable: the conservative value of the product information. */
    public Duration inUseTime() {
        return inUseTime;
    }

    /** The youngest age (inclusive, at the appointment date) the product is authorised for. */
    public int minimumAge() {
        return minimumAge;
    }

    /** Where the facts come from, and what restricts the product beyond them. */
    public String note() {
        return note;
    }
}
