package de.nachruecker.support.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
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

    /**
     * Paths no chain should protect: API docs, static assets, the login page. The management endpoints have a chain of
     * their own ({@link #management}), ahead of every service's chains.
     */
    public static final String[] PUBLIC_PATHS = {
            "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
            "/swagger-ui.html", "/css/**", "/js/**", "/favicon.ico", "/error", LOGIN_PAGE
    };

    /** Who may read the management endpoints beyond the health status: details, metrics, the endpoint index. */
    static final String[] MANAGEMENT_ROLES = {StaffRole.OPS.name(), StaffRole.ADMIN.name()};

    /** Who may scrape: the watchers above and the scrape-only account (health details: service-defaults.yml). */
    static final String[] SCRAPE_ROLES = {StaffRole.OPS.name(), StaffRole.ADMIN.name(), StaffRole.MONITORING.name()};

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
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS).permitAll());
        return machineSignIn(http);
    }

    /**
     * The management endpoints (actuator), on whichever port they are served: the health status (UP/DOWN, nothing
     * else) for everyone, so that probes and load balancers need no credentials; its details, metrics, the Prometheus
     * scrape and the endpoint index for ops and admins, by HTTP Basic or a bearer JWT, refused as problem details (401
     * with the challenges, never a redirect to the login page); the scrape-only role {@code MONITORING} gets the
     * health details, metrics and the Prometheus scrape, nothing else. Applied by the platform to every service, ahead
     * of the service's own chains.
     */
    public HttpSecurity management(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to("metrics", "prometheus"))
                        .hasAnyRole(SCRAPE_ROLES)
                        .anyRequest().hasAnyRole(MANAGEMENT_ROLES));
        return machineSignIn(http);
    }

    /** Stateless, no CSRF, HTTP Basic and (when configured) JWT bearer tokens, refusals as problem details. */
    private HttpSecurity machineSignIn(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            if (exception instanceof SignInThrottledException throttled) {
                // backing off after failed sign-ins: the password was not checked, so no challenge either
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
                problem(response, HttpStatus.TOO_MANY_REQUESTS, "too many failed sign-ins: try again after "
                        + throttled.retryAfterSeconds() + " s");
                return;
            }
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"nachruecker-staff\"");
            if (jwtConfigured) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            problem(response, HttpStatus.UNAUTHORIZED, "sign in as staff: HTTP Basic or a bearer token");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                problem(response, HttpStatus.FORBIDDEN, "your role or centres do not allow this");
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
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
     * CSRF tokens on every form, logout by POST to {@link #LOGOUT}. The public paths are open. A sign-in during a
     * back-off after failed sign-ins is answered 429 with Retry-After and a page saying so.
     */
    public HttpSecurity pages(HttpSecurity http) throws Exception {
        AuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?error");
        AuthenticationFailureHandler failed = (request, response, exception) -> {
            if (exception instanceof SignInThrottledException throttled) {
                StaffLoginController.throttled(request, response, throttled.retryAfterSeconds());
            } else {
                wrongPassword.onAuthenticationFailure(request, response, exception);
            }
        };
        http.formLogin(login -> login.loginPage(LOGIN_PAGE).failureHandler(failed).permitAll())
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
