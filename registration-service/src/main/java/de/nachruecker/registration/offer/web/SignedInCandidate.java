package de.nachruecker.registration.offer.web;

/**
 * The candidate a signed-in citizen's offer page acts for. The candidate feature resolves it from the page session
 * (its {@code SignedInCitizens}), so the offer pages need nothing of sign-in themselves.
 */
public record SignedInCandidate(String candidateId) {
}
