package de.nachruecker.allocation.rules.model;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static de.nachruecker.events.candidate.PriorityGroup.HIGH;
import static de.nachruecker.events.candidate.PriorityGroup.HIGHEST;
import static de.nachruecker.events.candidate.PriorityGroup.RAISED;

/**
 * The default rule book: CoronaImpfV phases and the STIKO age recommendations of 2021 (dates simplified to the day the
 * change applied nationally; instants at midnight Berlin time).
 */
public final class GermanyRules2021 {

    public static final String VAXZEVRIA = "VAXZEVRIA";
    public static final String JANSSEN = "JANSSEN";
    public static final Duration RESPONSE_WINDOW = Duration.ofMinutes(15);
    public static final Duration MIN_RESPONSE_WINDOW = Duration.ofMinutes(5);
    public static final int MAX_TRAVEL_MINUTES = 60;

    private GermanyRules2021() {
    }

    public static RuleBook ruleBook() {
        return new RuleBook(List.of(
                // CoronaImpfV of 18 Dec 2020: vaccination starts with §2
                rules(1, "2020-12-26T23:00:00Z", EnumSet.of(HIGHEST), true, Map.of()),
                // §3 opened in most Länder from 24 Feb 2021
                rules(2, "2021-02-23T23:00:00Z", EnumSet.of(HIGHEST, HIGH), true, Map.of()),
                // Vaxzevria only for 60+ from 31 Mar 2021
                rules(3, "2021-03-30T22:00:00Z", EnumSet.of(HIGHEST, HIGH), true, Map.of(VAXZEVRIA, 60)),
                // §4 opened nationally in early May 2021
                rules(4, "2021-05-02T22:00:00Z", EnumSet.of(HIGHEST, HIGH, RAISED), true, Map.of(VAXZEVRIA, 60)),
                // Janssen recommended for 60+ from 10 May 2021
                rules(5, "2021-05-09T22:00:00Z", EnumSet.of(HIGHEST, HIGH, RAISED), true,
                        Map.of(VAXZEVRIA, 60, JANSSEN, 60)),
                // prioritisation ended 7 Jun 2021: everyone, first registered first served
                rules(6, "2021-06-06T22:00:00Z", EnumSet.allOf(PriorityGroup.class), false,
                        Map.of(VAXZEVRIA, 60, JANSSEN, 60))));
    }

    private static RuleSet rules(int version, String validFrom, EnumSet<PriorityGroup> open, boolean prioritised,
                                 Map<String, Integer> minAges) {
        return new RuleSet(version, Instant.parse(validFrom), open, prioritised, minAges, RESPONSE_WINDOW,
                MIN_RESPONSE_WINDOW, MAX_TRAVEL_MINUTES);
    }
}
