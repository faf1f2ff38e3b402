package de.nachruecker.registration.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Citizens have no accounts and staff do not work here, so no request needs a Spring Security login: the JSON API is
 * authorised by the access token in the Authorization header (or the single-use token of an offer), the pages by the
 * access token their session carries (see the module README). What Spring Security does here is the rest: CSRF
 * tokens on every form, session handling and the security headers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Pages: own files only (the countdown script and the style sheet), no inline script, no framing. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    /** JSON answers load nothing. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /**
     * The JSON API and the key press of an offer call (posted by the voice gateway, Twilio, as a form) take no cookie:
     * they are authorised by the Authorization header or the offer's single-use token in the URL, neither of which a
     * forged cross-site request can carry, so CSRF tokens would protect nothing there; these callers never get a
     * session.
     */
    @Bean
    @Order(1)
    SecurityFilterChain tokenSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/voice/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers(headers, API_POLICY));
        return http.build();
    }

    /** Everything else: the pages (CSRF on every form, the session carries the citizen's access token), docs, health. */
    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        http.requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers(headers, PAGE_POLICY));
        return http.build();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers, String policy) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
    }
}
