package org.treatyregistry.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries the gateway's request id into the logs (MDC {@code requestId}), back on the response, and to the problem
 * bodies (a request attribute), for refusals written before Spring MVC too.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    /** The request's id; a request the filter did not see (none in a service) has none. */
    public static String requestId(ServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        MDC.put(RequestIds.PROPERTY, requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.PROPERTY);
        }
    }
}
