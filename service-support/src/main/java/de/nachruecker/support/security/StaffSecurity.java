package de.nachruecker.support.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The platform's staff authentication, applied by each service to the filter chains it builds, so that every
 * service signs staff in the same way and answers with the same problem details. A service adds only its own
 * authorization rules.
 */
public class StaffSecurity {

    public static final String LOGIN_PAGE = "/staff/login";
    public static final String LOGOUT = "/staff/logout";

    /** Paths no chain should protect: probes, metrics scraping, API docs, static assets, the login page. */
    public static final String[] PUBLIC_PATHS = {
            "/actuator/health/**", "/actuator/prometheus", "/actuator/info", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui/**",
            "/swagger-ui.html", "/css/**", "/js/**", "/favicon.ico", "/error", LOGIN_PAGE
    };

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";

    private final JwtAuthenticationConverter jwtConverter;
    private final boolean jwtConfigured;

    StaffSecurity(JwtAuthenticationConverter jwtConverter, boolean jwtConfigured) {
        this.jwtConverter = jwtConverter;
        this.jwtConfigured = jwtConfigured;
    }

    /**
     * For the JSON API under {@code /api/**}: stateless, so no CSRF; HTTP Basic against the configured users and, when
     * {@code spring.security.oauth2.resourceserver.jwt.*} is set, JWT bearer tokens from the identity provider.
     * Refusals are problem details (401 with the challenges, 403).
     */
    public HttpSecurity api(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"nachruecker-staff\"");
            if (jwtConfigured) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            problem(response, HttpStatus.UNAUTHORIZED, "sign in as staff: HTTP Basic or a bearer token");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                problem(response, HttpStatus.FORBIDDEN, "your role or centres do not allow this");
        http.securityMatcher("/api/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS).permitAll());
        if (jwtConfigured) {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter))
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden));
        }
        return headers(http);
    }

    /**
     * For server-rendered staff pages: form login at {@link #LOGIN_PAGE} against the configured users, a session,
     * CSRF tokens on every form, logout by POST to {@link #LOGOUT}. The public paths are open.
     */
    public HttpSecurity pages(HttpSecurity http) throws Exception {
        http.formLogin(login -> login.loginPage(LOGIN_PAGE).permitAll())
                .logout(logout -> logout.logoutUrl(LOGOUT).logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS).permitAll());
        return headers(http);
    }

    private static HttpSecurity headers(HttpSecurity http) throws Exception {
        return http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
