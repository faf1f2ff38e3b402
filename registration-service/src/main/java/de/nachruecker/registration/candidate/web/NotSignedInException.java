package de.nachruecker.registration.candidate.web;

/** A {@code /me} page was asked for without a page session; {@link CitizenPages} answers with the sign-in page. */
final class NotSignedInException extends RuntimeException {

    NotSignedInException() {
        super("no citizen is signed in", null, false, false);
    }
}
