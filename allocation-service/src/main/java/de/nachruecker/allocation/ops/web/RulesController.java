package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.rules.model.RuleChange;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Ops and admins read the eligibility rules and add new dated versions; every change is kept with who (the signed-in
 * user), when and why.
 */
@RestController
@RequestMapping("/api/ops/rules")
@Tag(name = "Rules", description = "Dated eligibility rules (priority groups, age limits, response window); "
        + "ops and admins only")
public class RulesController {

    private final KeepingRules rules;

    public RulesController(KeepingRules rules) {
        this.rules = rules;
    }

    public record RulesView(RuleSetResponse inForce, List<RuleSetResponse> versions) {
    }

    @GetMapping
    @Operation(summary = "The rule set in force and every version",
            description = "Each version with who added it (the signed-in user), when and why. Roles OPS, ADMIN.")
    public RulesView rules() {
        List<RuleSetResponse> versions = rules.history().stream().map(RuleSetResponse::of).toList();
        int inForce = rules.inForce().version();
        return new RulesView(versions.stream().filter(v -> v.version() == inForce).findFirst().orElseThrow(),
                versions);
    }

    /** The answer of a dry run: what would change against the rules in force; nothing was stored. */
    public record RuleChangePreview(boolean dryRun, RuleSetResponse inForce, RuleSetResponse proposed,
                                    List<RuleChange.Difference> differences) {
    }

    // produces: a caller who cannot read JSON is refused (406) before the rules change, not after
    @PutMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a new dated rule set version, or preview it (dryRun=true)",
            description = "Takes over at validFrom (now if absent); older versions stay for the audit trail. A field "
                    + "left out keeps the value of the version in force at validFrom. minAgeByProduct may only "
                    + "name known products and may raise a product's own minimum age, never lower it. A version "
                    + "starting in the past is refused unless correction is true; it is then audited as a "
                    + "correction. With dryRun=true nothing is stored: the answer (200) shows the rules in force, "
                    + "the version the change would add and their differences. The signed-in user is recorded as "
                    + "changedBy. Invalid fields: 400 problem details with errors[]; a concurrent change: 409. "
                    + "Roles OPS, ADMIN.")
    @ApiResponse(responseCode = "201", description = "The new version",
            content = @Content(schema = @Schema(implementation = RuleSetResponse.class)))
    @ApiResponse(responseCode = "200", description = "dryRun=true: the preview, nothing stored",
            content = @Content(schema = @Schema(implementation = RuleChangePreview.class)))
    @ApiResponse(responseCode = "400", description = "Invalid fields (errors[]), e.g. an unknown product, a limit "
            + "below the product's own, a past validFrom without correction")
    @ApiResponse(responseCode = "409", description = "Another change took the version number")
    public ResponseEntity<Object> replace(Authentication user, @Valid @RequestBody RuleSetRequest request,
                                          @Parameter(description = "true: answer what would change, store nothing")
                                          @RequestParam(defaultValue = "false") boolean dryRun) {
        if (dryRun) {
            KeepingRules.Preview preview = rules.preview(request.toChange());
            return ResponseEntity.ok(new RuleChangePreview(true, RuleSetResponse.proposed(preview.inForce(), null),
                    RuleSetResponse.proposed(preview.proposed(), request.comment()), preview.differences()));
        }
        // the audit trail names the signed-in user (HTTP Basic user name or the token's preferred_username)
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(RuleSetResponse.of(rules.change(request.toChange(), user.getName(), request.comment())));
    }
}
