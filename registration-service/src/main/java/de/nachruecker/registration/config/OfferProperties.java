package de.nachruecker.registration.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The citizen's answer to an offer ({@code nachruecker.registration.offers.*}), documented in the module README.
 *
 * @param decisionWait  how long an answer request waits for the allocation service's decision before it shows a page
 *                      that refreshes itself
 * @param decisionPoll  how often it looks for the decision meanwhile
 * @param pageRefresh   how often the "we are checking" page reloads itself
 */
@ConfigurationProperties("nachruecker.registration.offers")
public record OfferProperties(
        @DefaultValue("3s") Duration decisionWait,
        @DefaultValue("100ms") Duration decisionPoll,
        @DefaultValue("2s") Duration pageRefresh) {
}
