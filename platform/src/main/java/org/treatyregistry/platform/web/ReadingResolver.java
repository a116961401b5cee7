package org.treatyregistry.platform.web;

import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.core.MethodParameter;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives an endpoint that takes a {@link Reading} the request's {@code asOf} and {@code knownAt}, read once here
 * for every endpoint, with their defaults from the service's clock. A value that is not a date or an instant is
 * answered 400 with the form it takes. Parsed as Spring would parse {@code @DateTimeFormat(iso = DATE) LocalDate}
 * and {@code Instant} parameters, which the endpoints declared before.
 */
public class ReadingResolver implements HandlerMethodArgumentResolver {

    private static final InstantFormatter INSTANTS = new InstantFormatter();

    private final Clock clock;

    public ReadingResolver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Reading.class;
    }

    @Override
    public Reading resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                   NativeWebRequest request, WebDataBinderFactory binders) {
        return Reading.of(asOf(request.getParameter("asOf")), knownAt(request.getParameter("knownAt")), clock);
    }

    private static LocalDate asOf(String value) {
        if (!StringUtils.hasText(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problems.badParameter("asOf", value,
                    "a date (use YYYY-MM-DD, e.g. 2025-12-31)"));
        }
    }

    private static Instant knownAt(String value) {
        if (!StringUtils.hasText(value)) {
            return null;
        }
        try {
            return INSTANTS.parse(value, Locale.ROOT);
        } catch (ParseException | DateTimeException e) {
            throw new ProblemException(Problems.badParameter("knownAt", value,
                    "an instant (use ISO-8601 in UTC, e.g. 2025-07-01T00:00:00Z)"));
        }
    }
}
