package org.treatyregistry.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;

/** The one reader of posted facts: strict, every field at fault named, no scalar coercion. */
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
        assertThat(posted.read(new PostedEvent(declared()))).containsExactly(new StockpileDeclared("UKR",
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

        assertThat(problems(fields)).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("wrong-type");
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.detail()).contains(field);
        });
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

        assertThat(problems(fields)).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("wrong-type");
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.detail()).contains(field);
        });
    }

    private List<PostedEvents.Problem> problems(Map<String, Object> fields) {
        try {
            posted.read(new PostedEvent(fields));
        } catch (PostedEvents.Unreadable unreadable) {
            return unreadable.problems();
        }
        throw new AssertionError("read, not refused: " + fields);
    }

    @Test
    void refusesAMisspeltFieldNamingTheFieldItIsClosestTo() {
        Map<String, Object> fields = declared();
        fields.put("mineTyp", fields.remove("mineType"));

        assertThat(problems(fields)).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("unknown-field");
            assertThat(p.field()).isEqualTo("mineTyp");
            assertThat(p.suggestion()).isEqualTo("mineType");
            assertThat(p.detail()).contains("did you mean 'mineType'?");
        });
    }

    @Test
    void refusesAnUnknownFieldAndAFieldOfAnotherTypeWithoutGuessing() {
        Map<String, Object> fields = declared();
        fields.put("bogusField", 1);
        fields.put("vote", "YES");

        assertThat(problems(fields)).extracting(PostedEvents.Problem::field, PostedEvents.Problem::rule,
                        PostedEvents.Problem::suggestion)
                .containsExactlyInAnyOrder(tuple("bogusField", "unknown-field", null),
                        tuple("vote", "unknown-field", null));
    }

    @Test
    void namesEveryFieldAtFaultInOneItem() {
        Map<String, Object> fields = declared();
        fields.put("declaredOn", 12345);
        fields.put("quantity", "6664424");
        fields.put("mineType", "PMN\u0000");

        assertThat(problems(fields)).extracting(PostedEvents.Problem::field)
                .containsExactlyInAnyOrder("declaredOn", "quantity", "mineType");
    }

    @ParameterizedTest(name = "U+{0} is refused in a name")
    @ValueSource(ints = {0x00, 0x07, 0x0A, 0x1B, 0x1F, 0x7F, 0x202A, 0x202E, 0x2066, 0x2069})
    void refusesControlAndBidirectionalCharactersOutsideFreeText(int codePoint) {
        Map<String, Object> fields = declared();
        fields.put("mineType", "A" + Character.toString(codePoint) + "B");

        assertThat(problems(fields)).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("control-character");
            assertThat(p.field()).isEqualTo("mineType");
        });
    }

    @Test
    void takesLineBreaksInFreeTextButNeverNulOrAnOverride() {
        Map<String, Object> fields = declared();
        fields.put("sourceReference", "Article 7 report,\n\tform B");
        assertThat(posted.read(new PostedEvent(fields))).hasSize(1);

        fields.put("sourceReference", "A\u0000B");
        assertThat(problems(fields)).extracting(PostedEvents.Problem::field).containsExactly("sourceReference");
        fields.put("sourceReference", "A\u202eB");
        assertThat(problems(fields)).extracting(PostedEvents.Problem::field).containsExactly("sourceReference");
    }

    @Test
    void fingerprintsWhatWasPostedCanonicallyWithoutTheClientId() {
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        List.of("quantity", "mineType", "iso3", "type", "declaredOn").forEach(k -> reordered.put(k, declared().get(k)));
        reordered.put("clientId", "1b9d3c1e-7f5a-4b8e-9c2d-1a2b3c4d5e6f");

        assertThat(posted.fingerprint(new PostedEvent(reordered))).isEqualTo(posted.fingerprint(new PostedEvent(
                declared()))).isEqualTo("{\"declaredOn\":\"2006-06-01\",\"iso3\":\"UKR\",\"mineType\":\"PMN\","
                        + "\"quantity\":6664424,\"type\":\"StockpileDeclared\"}");
    }
}
