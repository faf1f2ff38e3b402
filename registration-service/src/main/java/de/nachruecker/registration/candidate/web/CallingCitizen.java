package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.model.AccessToken;

/**
 * The citizen a JSON API call acts for: the access token of its {@code Authorization: Bearer} header. A handler that
 * takes one as a parameter is reached only with a token of the right form; without one {@link CallingCitizens}
 * answers 401, as an unknown token does.
 */
record CallingCitizen(AccessToken accessToken) {
}
