package org.treatyregistry.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id: given by the gateway (the client's own, if it is a sane token), carried to the service in
 * {@value #HEADER}, written back on the response, into every log line and into every problem body as
 * {@value #PROPERTY}. The gateway and the services accept the same ids, so an id quoted by a caller is found in
 * every log it passed through.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The problem-detail property and the logging MDC key. */
    public static final String PROPERTY = "requestId";
    // Anything else could smuggle log lines or header tricks through to the services.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The offered id if it is a sane token, else a new one. */
    public static String acceptOrCreate(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
