package org.treatyregistry.platform.ingestion;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.eventstore.CommitTooLargeException;
import org.treatyregistry.platform.web.Problems;

/** Every service's {@code POST .../events} answers a rule broken at recording time the same way, from here. */
class IngestionAdviceTest {

    @RestController
    static class Events {
        @PostMapping("/events")
        void post() {
            throw new RuleViolation("already-submitted", "The report for 2008 is already on record.");
        }

        @PostMapping("/large")
        void postLarge() {
            throw new CommitTooLargeException(9_000, new IllegalStateException("16 MB"));
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Events())
            .setControllerAdvice(new IngestionAdvice())
            .build();

    @Test
    void ruleBrokenAtRecordingIsAChangeMeanwhileTypedByTheRule() throws Exception {
        mvc.perform(post("/events"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + "already-submitted"))
                .andExpect(jsonPath("$.title").value("Record changed meanwhile"))
                .andExpect(jsonPath("$.detail").value(startsWith(
                        "The report for 2008 is already on record. A record changed while this post was checked")));
    }

    @Test
    void aPostTooLargeForOneWriteIsRefusedWithWhatToDo() throws Exception {
        mvc.perform(post("/large"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + "post-too-large"))
                .andExpect(jsonPath("$.detail").value(startsWith("The 9000 events of this post do not fit")));
    }
}
