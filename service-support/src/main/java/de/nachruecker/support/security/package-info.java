/**
 * Staff sign-in shared by the services that have staff (slot, allocation, notification), and the management
 * endpoints' sign-in of all four.
 *
 * <p>A service opts in by declaring {@code spring-boot-starter-security} and
 * {@code spring-boot-starter-security-oauth2-resource-server} (plus {@code spring-boot-starter-thymeleaf} for pages),
 * then builds its own chains, the API chain first:
 * <pre>{@code
 * @Bean @Order(1)
 * SecurityFilterChain api(HttpSecurity http, StaffSecurity staff) throws Exception {
 *     return staff.api(http)   // matches /api/**, stateless, Basic + JWT, problem details
 *             .authorizeHttpRequests(r -> r.requestMatchers(HttpMethod.GET, "/api/releases/**").hasAnyRole("OPERATOR", "OPS", "ADMIN")
 *                     .anyRequest().denyAll())
 *             .build();
 * }
 * @Bean @Order(2)
 * SecurityFilterChain pages(HttpSecurity http, StaffSecurity staff) throws Exception {
 *     return staff.pages(http)   // form login at /staff/login, CSRF, logout by POST /staff/logout
 *             .authorizeHttpRequests(r -> r.anyRequest().hasAnyRole("OPERATOR", "ADMIN"))
 *             .build();
 * }
 * }</pre>
 * Object-level checks go through {@link de.nachruecker.support.security.CentreAccess} on every read and write. Its
 * {@code AccessDeniedException} must reach Spring Security's filter (403 problem): an exception handler that catches
 * every exception must let it pass. Users: {@code nachruecker.security.staff-users[]} (hashed passwords only); the
 * {@code local} profile brings demo users (operator-korbach, operator-kassel, ops, admin; password
 * {@code demo-password}). JWTs: set {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or
 * {@code jwk-set-uri} / {@code public-key-location}); claims {@code roles}, {@code centres},
 * {@code preferred_username} by default ({@code nachruecker.security.jwt.*}).
 *
 * <p>The platform adds, in every service with the starters (registration-service too), a chain for the management
 * endpoints ahead of the service's own ({@link de.nachruecker.support.security.StaffSecurity#management}: health
 * status for anyone, the rest for ops and admins) and throttles password sign-ins per account and client address
 * ({@link de.nachruecker.support.security.SignInThrottle}: 429 with Retry-After during a back-off).
 */
package de.nachruecker.support.security;
