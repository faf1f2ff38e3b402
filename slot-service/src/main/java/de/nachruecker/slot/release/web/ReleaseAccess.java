package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.application.ReadingReleases;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.security.CentreAccess;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The object-level check of every read and write of a release, for the API and the pages alike: a release belongs to
 * its centre, and the signed-in staff member's centres and role decide (see {@link CentreAccess}). A release that does
 * not exist is a 404 for everyone; one of another centre is a 403.
 */
@Component
class ReleaseAccess {

    private final ReadingReleases reading;
    private final CentreAccess access;
    private final CentreCatalogue centres;

    ReleaseAccess(ReadingReleases reading, CentreAccess access, CentreCatalogue centres) {
        this.reading = reading;
        this.access = access;
        this.centres = centres;
    }

    /** @throws org.springframework.security.access.AccessDeniedException if the user may not read its centre */
    Release readable(String releaseId) {
        Release release = reading.get(releaseId);
        access.checkRead(user(), release.centreId());
        return release;
    }

    /** @throws org.springframework.security.access.AccessDeniedException if the user may not write its centre */
    Release writable(String releaseId) {
        Release release = reading.get(releaseId);
        access.checkWrite(user(), release.centreId());
        return release;
    }

    void checkPublish(String centreId) {
        access.checkWrite(user(), centreId);
    }

    /**
     * The centres a listing covers: the one asked for (if the user may read it), else every centre the user may read.
     */
    List<String> readableCentres(String requestedCentreId) {
        if (requestedCentreId != null) {
            access.checkRead(user(), requestedCentreId);
            return List.of(requestedCentreId);
        }
        Authentication user = user();
        return centres.all().stream().map(Centre::id).filter(id -> access.mayRead(user, id)).toList();
    }

    /** The catalogue centres the user may publish for, in catalogue order. */
    List<Centre> writableCentres() {
        Authentication user = user();
        return centres.all().stream().filter(centre -> access.mayWrite(user, centre.id())).toList();
    }

    boolean mayWrite(Release release) {
        return access.mayWrite(user(), release.centreId());
    }

    private static Authentication user() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
