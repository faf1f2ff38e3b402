package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.rules.model.RuleChange;
import de.nachruecker.events.candidate.PriorityGroup;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A new rule set version as ops propose it. Every field but {@code comment} may be left out: it then keeps the value
 * of the version the new one follows (the one in force at {@code validFrom}).
 */
@Schema(description = "A new dated rule set version. A field left out keeps the value of the version in force at "
        + "validFrom; send minAgeByProduct: {} to leave only the products' own minimum ages.")
public record RuleSetRequest(
        @Schema(description = "When it takes over (ISO-8601 instant); now if absent. Not in the past unless "
                + "correction is true") Instant validFrom,
        @Schema(description = "Priority groups that may be offered doses") @Size(min = 1) Set<PriorityGroup> openGroups,
        @Schema(description = "Whether open groups are served in rank order") Boolean prioritised,
        @Schema(description = "Minimum ages that raise a product's own (GET /api/vaccines on slot-service): keys "
                + "are products (COMIRNATY, SPIKEVAX, VAXZEVRIA, JANSSEN), values between the product's own minimum "
                + "age and 120; a value below the product's own is refused", example = "{\"VAXZEVRIA\": 60}")
        @Size(max = 10) Map<String, Integer> minAgeByProduct,
        @Schema(description = "Minutes a candidate has to answer, 1 to 240") @Min(1) @Max(240)
        Integer responseWindowMinutes,
        @Schema(description = "The answer window never shrinks below this, 1 to 240") @Min(1) @Max(240)
        Integer minResponseWindowMinutes,
        @Schema(description = "Candidates needing longer to reach the centre are not offered doses, 0 to 600")
        @Min(0) @Max(600) Integer maxTravelMinutes,
        @Schema(description = "Why the rules change; kept in the audit trail (at most 500 characters)")
        @NotBlank @Size(max = RuleSetRequest.MAX_COMMENT) String comment,
        @Schema(description = "true marks a version that starts in the past as an intended correction of the record "
                + "(audited as such); without it such a version is refused") Boolean correction) {

    static final int MAX_COMMENT = 500;

    RuleChange toChange() {
        return new RuleChange(validFrom, openGroups, prioritised, minAgeByProduct, responseWindowMinutes,
                minResponseWindowMinutes, maxTravelMinutes, Boolean.TRUE.equals(correction));
    }
}
