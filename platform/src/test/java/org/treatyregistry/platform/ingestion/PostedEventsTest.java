package org.treatyregistry.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;

/** Platform issue, defect 8: the edge reads posted facts strictly, with no scalar coercion. */
class PostedEventsTest {

    private final PostedEvents posted = new PostedEvents(new ObjectMapper().registerModule(new JavaTimeModule()),
            "a test fact", StockpileDeclared.class, UnResolutionVoted.class);

    private static Map<String, Object> declared() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("clientId", "0b9d3c1e-7f5a-4b8e-9c2d-1a2b3c4d5e6f");
        fields.put("type", "StockpileDeclared");
        fields.put("iso3", "UKR");
        fields.put("declaredOn", "2006-06-01");
        fields.put("mineType", "PMN");
        fields.put("quantity", 6_664_424);
        return fields;
    }

    private static Map<String, Object> voted() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("clientId", "0b9d3c1e-7f5a-4b8e-9c2d-1a2b3c4d5e6f");
        fields.put("type", "UnResolutionVoted");
        fields.put("iso3", "KHM");
        fields.put("resolution", "A/RES/79/36");
        fields.put("votedOn", "2024-12-02");
        fields.put("vote", "YES");
        return fields;
    }

    @Test
    void readsAWellFormedFact() {
        assertThat(posted.read(new PostedEvent(declared()))).isEqualTo(new StockpileDeclared("UKR",
                LocalDate.of(2006, 6, 1), "PMN", 6_664_424, null, null));
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource({
            "declaredOn, 12345",     // not an epoch day
            "declaredOn, true",
            "quantity, '\"6664424\"'", // a number as a string
            "quantity, 1.5",         // 1.5 mines is not 1 mine
            "quantity, true",
            "mineType, 12345",       // a number is not a name
            "mineType, true",
    })
    void refusesAScalarOfAnotherType(String field, String json) throws Exception {
        Map<String, Object> fields = declared();
        fields.put(field, new ObjectMapper().readValue(json, Object.class));

        assertThatThrownBy(() -> posted.read(new PostedEvent(fields))).isInstanceOf(PostedEvents.Unreadable.class)
                .hasMessageContaining(field);
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource({
            "resolution, 12345",
            "vote, 0",               // an enum by its ordinal
            "votedOn, 20241202",
    })
    void refusesAScalarOfAnotherTypeInEveryService(String field, String json) throws Exception {
        Map<String, Object> fields = voted();
        fields.put(field, new ObjectMapper().readValue(json, Object.class));

        assertThatThrownBy(() -> posted.read(new PostedEvent(fields))).isInstanceOf(PostedEvents.Unreadable.class)
                .hasMessageContaining(field);
    }
}
