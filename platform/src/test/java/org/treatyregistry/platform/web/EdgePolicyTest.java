package org.treatyregistry.platform.web;

import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The edge policy every service shares: one reading of asOf and knownAt, problems of our types with the request id. */
class EdgePolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @RestController
    static class Endpoints {
        @GetMapping("/reading")
        Reading reading(Reading reading) {
            return reading;
        }

        @GetMapping("/refused")
        Reading refused() {
            throw new ProblemException(
                    Problems.of(HttpStatus.NOT_FOUND, "unknown-state", "Unknown State", "No such State."));
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .setCustomArgumentResolvers(new ReadingResolver(CLOCK))
            .addFilters(new RequestIdFilter())
            .build();

    @Test
    void readingDefaultsToTodayAndNowByTheServiceClock() throws Exception {
        mvc.perform(get("/reading"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2026-03-01"))
                .andExpect(jsonPath("$.knownAt").value("2026-03-01T12:00:00Z"));
    }

    @Test
    void readingTakesAsOfAndKnownAtFromTheQuery() throws Exception {
        mvc.perform(get("/reading").param("asOf", "2010-01-01").param("knownAt", "2025-07-01T10:30:00Z"))
                .andExpect(jsonPath("$.asOf").value("2010-01-01"))
                .andExpect(jsonPath("$.knownAt").value("2025-07-01T10:30:00Z"));
    }

    @Test
    void emptyParametersMeanTheDefaults() throws Exception {
        mvc.perform(get("/reading").param("asOf", "").param("knownAt", ""))
                .andExpect(jsonPath("$.asOf").value("2026-03-01"))
                .andExpect(jsonPath("$.knownAt").value("2026-03-01T12:00:00Z"));
    }

    @Test
    void asOfThatIsNotADateIsRefusedNamingTheForm() throws Exception {
        mvc.perform(get("/reading").param("asOf", "01/01/2010").header(RequestIds.HEADER, "trace-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + "bad-parameter"))
                .andExpect(jsonPath("$.detail").value("Parameter 'asOf' has value '01/01/2010', which is not a date "
                        + "(use YYYY-MM-DD, e.g. 2025-12-31)."))
                .andExpect(jsonPath("$.requestId").value("trace-1"));
    }

    @Test
    void knownAtThatIsNotAnInstantIsRefusedNamingTheForm() throws Exception {
        mvc.perform(get("/reading").param("knownAt", "2025-07-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + "bad-parameter"))
                .andExpect(jsonPath("$.detail").value("Parameter 'knownAt' has value '2025-07-01', which is not an "
                        + "instant (use ISO-8601 in UTC, e.g. 2025-07-01T00:00:00Z)."));
    }

    @Test
    void preparedProblemCarriesTheRequestId() throws Exception {
        mvc.perform(get("/refused").header(RequestIds.HEADER, "trace-2"))
                .andExpect(status().isNotFound())
                .andExpect(header().string(RequestIds.HEADER, "trace-2"))
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + "unknown-state"))
                .andExpect(jsonPath("$.requestId").value("trace-2"));
    }

    @Test
    void springsOwnProblemIsTypedByItsStatusNeverAboutBlank() throws Exception {
        mvc.perform(post("/reading").header(RequestIds.HEADER, "trace-3"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + "method-not-allowed"))
                .andExpect(jsonPath("$.title").value("Method Not Allowed"))
                .andExpect(jsonPath("$.requestId").value("trace-3"));
    }

    @Test
    void requestIdThatIsNotASaneTokenIsReplaced() throws Exception {
        mvc.perform(get("/refused").header(RequestIds.HEADER, "two\nlines"))
                .andExpect(jsonPath("$.requestId").value(matchesPattern("[0-9a-f-]{36}")));
    }
}
