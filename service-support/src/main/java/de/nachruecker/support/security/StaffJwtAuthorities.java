package de.nachruecker.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns the identity provider's claims into the same authorities a configured user has: {@code ROLE_<role>} for
 * each known role and {@code CENTRE_<id>} for each centre. Unknown role names grant nothing.
 */
final class StaffJwtAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final StaffSecurityProperties.Jwt claims;

    StaffJwtAuthorities(StaffSecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    static JwtAuthenticationConverter converter(StaffSecurityProperties.Jwt claims) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new StaffJwtAuthorities(claims));
        converter.setPrincipalClaimName(claims.usernameClaim());
        return converter;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : strings(jwt, claims.rolesClaim())) {
            StaffRole.named(role).ifPresent(known -> authorities.add(new SimpleGrantedAuthority(known.authority())));
        }
        for (String centre : strings(jwt, claims.centresClaim())) {
            authorities.add(new SimpleGrantedAuthority(CentreAccess.centreAuthority(centre)));
        }
        return authorities;
    }

    private static List<String> strings(Jwt jwt, String claim) {
        List<String> values = jwt.hasClaim(claim) ? jwt.getClaimAsStringList(claim) : null;
        return values == null ? List.of() : values;
    }
}
