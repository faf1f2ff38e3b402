package de.nachruecker.support.correlation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Takes the caller's correlation id (or starts one) for the request and tells the caller which one it was. */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (CorrelationId.Scope scope = CorrelationId.open(request.getHeader(CorrelationId.HTTP_HEADER))) {
            response.setHeader(CorrelationId.HTTP_HEADER, scope.id());
            chain.doFilter(request, response);
        }
    }
}
