package de.nachruecker.support.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Object-level access to a centre's data. Checked on every read and write, whether the user signed in with a
 * password or brought a JWT: both carry their centres as {@code CENTRE_<id>} authorities.
 */
public class CentreAccess {

    static final String CENTRE_PREFIX = "CENTRE_";

    public static String centreAuthority(String centreId) {
        return CENTRE_PREFIX + centreId;
    }

    /** The centres an operator is bound to (empty for anonymous users and for staff bound to none). */
    public Set<String> centresOf(Authentication authentication) {
        if (authentication == null) {
            return Set.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(CENTRE_PREFIX))
                .map(authority -> authority.substring(CENTRE_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Admins and ops read every centre; an operator reads the centres bound to them. */
    public boolean mayRead(Authentication authentication, String centreId) {
        return has(authentication, StaffRole.ADMIN) || has(authentication, StaffRole.OPS)
                || operatorOf(authentication, centreId);
    }

    /** Admins write every centre; an operator writes the centres bound to them; ops only watch. */
    public boolean mayWrite(Authentication authentication, String centreId) {
        return has(authentication, StaffRole.ADMIN) || operatorOf(authentication, centreId);
    }

    /** Whether the user may read all centres, so that a listing needs no filter by centre. */
    public boolean readsEveryCentre(Authentication authentication) {
        return has(authentication, StaffRole.ADMIN) || has(authentication, StaffRole.OPS);
    }

    public void checkRead(Authentication authentication, String centreId) {
        if (!mayRead(authentication, centreId)) {
            throw new AccessDeniedException("no access to centre " + centreId);
        }
    }

    public void checkWrite(Authentication authentication, String centreId) {
        if (!mayWrite(authentication, centreId)) {
            throw new AccessDeniedException("no write access to centre " + centreId);
        }
    }

    private boolean operatorOf(Authentication authentication, String centreId) {
        return has(authentication, StaffRole.OPERATOR) && centresOf(authentication).contains(centreId);
    }

    private static boolean has(Authentication authentication, StaffRole role) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                .anyMatch(authority -> role.authority().equals(authority.getAuthority()));
    }
}
