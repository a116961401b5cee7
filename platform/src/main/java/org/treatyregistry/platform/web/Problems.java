package org.treatyregistry.platform.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with stable type URIs, the same in the gateway and every service: one type per kind of
 * problem a client can act on, and for a problem no endpoint names more precisely, one type per HTTP status
 * ({@code .../problems/not-found}, {@code .../problems/unauthorized}). Never {@code about:blank}.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://treaty-registry.org/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** A problem typed by its status alone, titled by the status's reason phrase. */
    public static ProblemDetail of(HttpStatus status, String detail) {
        return of(status, slug(status), status.getReasonPhrase(), detail);
    }

    /** The type of a problem known only by its status: Spring's own answers come {@code about:blank}. */
    public static URI typeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return URI.create(TYPE_BASE + (known == null ? "http-" + status.value() : slug(known)));
    }

    /** A parameter the endpoint cannot read, with the form it takes. */
    public static ProblemDetail badParameter(String name, Object value, String expected) {
        return of(HttpStatus.BAD_REQUEST, "bad-parameter", "Bad parameter",
                "Parameter '" + name + "' has value '" + value + "', which is not " + expected + ".");
    }

    /** The members of a problem body, in order, for writers outside Spring MVC (security, the gateway). */
    public static Map<String, Object> fields(ProblemDetail problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        fields.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            fields.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            fields.putAll(problem.getProperties());
        }
        return fields;
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
