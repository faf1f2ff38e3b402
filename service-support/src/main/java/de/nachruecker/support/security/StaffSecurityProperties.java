package de.nachruecker.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Set;

/**
 * Who may sign in as staff.
 *
 * @param staffUsers users kept in configuration (the local run, small deployments); passwords as encoded hashes
 * @param jwt        how a JWT from the identity provider names roles, centres and the user
 */
@ConfigurationProperties("nachruecker.security")
public record StaffSecurityProperties(@DefaultValue List<StaffUser> staffUsers, @DefaultValue Jwt jwt) {

    /**
     * @param password the encoded hash with its id prefix, e.g. {@code {bcrypt}$2a$10$…}; plain text is refused
     * @param centres  the centres an operator is bound to
     */
    public record StaffUser(String username, String password, @DefaultValue Set<StaffRole> roles,
                            @DefaultValue Set<String> centres) {
    }

    /**
     * @param rolesClaim    claim holding the role names (operator, ops, admin)
     * @param centresClaim  claim holding the centre ids an operator is bound to
     * @param usernameClaim claim naming the user in audits (falls back to {@code sub})
     */
    public record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("centres") String centresClaim,
                      @DefaultValue("preferred_username") String usernameClaim) {
    }
}
