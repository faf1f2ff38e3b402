package de.nachruecker.registration.centre.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The centres one may choose when registering: the ids the API expects, without reading the form's HTML. */
@RestController
@Tag(name = "Centres", description = "The vaccination centres served, as the catalogue knows them")
class CentreController {

    private final CentreCatalogue catalogue;

    CentreController(CentreCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/centres")
    @Operation(summary = "List the vaccination centres",
            description = "In catalogue order. The `id` is what `centreIds` of a registration and its preferences "
                    + "name. No sign-in needed.")
    @ApiResponse(responseCode = "200", description = "Every centre of the catalogue")
    List<CentreView> centres() {
        return catalogue.all().stream().map(CentreView::of).toList();
    }

    @Schema(description = "A vaccination centre")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record CentreView(
            @Schema(description = "Catalogue id, used in `centreIds`", example = "korbach") String id,
            @Schema(example = "Impfzentrum Waldeck-Frankenberg") String name,
            @Schema(example = "Korbach") String town,
            @Schema(example = "Demo-Straße 1, 34497 Korbach") String address,
            @Schema(description = "The centre's phone number for citizens; absent if the catalogue has none",
                    example = "+49 30 23125 001") String phone,
            @Schema(description = "Vaccines the centre gives (product names such as `COMIRNATY`); absent if "
                    + "the catalogue does not say") List<String> products,
            @Schema(description = "Demo data shipped with the platform: not a real centre") boolean demo) {

        static CentreView of(Centre centre) {
            return new CentreView(centre.id(), centre.name(), centre.town(), centre.address(), centre.phone(),
                    centre.products(), centre.demo());
        }
    }
}
