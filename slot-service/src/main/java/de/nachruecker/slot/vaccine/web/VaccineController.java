package de.nachruecker.slot.vaccine.web;

import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/vaccines")
@Tag(name = "Vaccines", description = "The vaccine products centres can release doses of")
class VaccineController {

    private final VaccineCatalogue catalogue;

    VaccineController(VaccineCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @Operation(summary = "List the vaccine catalogue",
            description = "Products with doses per vial, in-use time after opening and the product's own minimum "
                    + "age, from the shared VaccineProduct the allocation service enforces too; its dated rules may "
                    + "raise a product's minimum age (GET /api/ops/rules on the allocation service), never lower it.")
    List<VaccineResponse> list() {
        return catalogue.all().stream().map(VaccineResponse::of).toList();
    }

    @Schema(description = "A vaccine product")
    record VaccineResponse(
            @Schema(description = "Product code used in releases and events", example = "COMIRNATY") String product,
            @Schema(description = "Product name", example = "Comirnaty (BioNTech/Pfizer)") String name,
            @Schema(description = "Doses one vial yields", example = "6") int dosesPerVial,
            @Schema(description = "How long an opened vial stays usable, ISO-8601 duration", example = "PT6H")
            String inUseTime,
            @Schema(description = "Youngest age (inclusive) the product is authorised for; the allocation "
                    + "service never offers it to anyone younger", example = "16") int minimumAge,
            @Schema(description = "Oldest age (inclusive), absent for no upper limit") Integer maximumAge,
            @Schema(description = "Source of the age limits") String ageLimitNote) {

        static VaccineResponse of(Vaccine vaccine) {
            return new VaccineResponse(vaccine.product(), vaccine.name(), vaccine.dosesPerVial(),
                    vaccine.inUseTime().toString(), vaccine.minimumAge(), vaccine.maximumAge(),
                    vaccine.ageLimitNote());
        }
    }
}
