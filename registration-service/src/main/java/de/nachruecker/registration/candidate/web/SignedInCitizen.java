package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.model.AccessToken;

/**
 * The citizen a {@code /me} page acts for: the access token their page session carries. A handler that takes one as
 * a parameter is reached only signed in; without a session {@link SignedInCitizens} sends the browser to sign in.
 */
record SignedInCitizen(AccessToken accessToken) {
}
