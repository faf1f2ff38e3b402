package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.rules.model.RuleSet;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
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
    private final Clock clock;

    public RulesController(KeepingRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
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

    // produces: a caller who cannot read JSON is refused (406) before the rules change, not after
    @PutMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a new dated rule set version",
            description = "Takes over at validFrom (now if absent); older versions stay for the audit trail. The "
                    + "signed-in user is recorded as changedBy. Invalid fields: 400 problem details with errors[]; "
                    + "a concurrent change: 409. Roles OPS, ADMIN.")
    public RuleSetResponse replace(Authentication user, @Valid @RequestBody RuleSetRequest request) {
        RuleSet next = new RuleSet(rules.book().nextVersion(),
                request.validFrom() == null ? clock.instant() : request.validFrom(),
                EnumSet.copyOf(request.openGroups()), request.prioritised(), request.minAgeByProduct(),
                Duration.ofMinutes(request.responseWindowMinutes()),
                Duration.ofMinutes(request.minResponseWindowMinutes()), request.maxTravelMinutes());
        // the audit trail names the signed-in user (HTTP Basic user name or the token's preferred_username)
        return RuleSetResponse.of(rules.change(next, user.getName(), request.comment()));
    }
}
