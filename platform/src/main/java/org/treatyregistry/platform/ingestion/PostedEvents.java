package org.treatyregistry.platform.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.treatyregistry.contract.StateEvent;

/**
 * Reads posted items ({@code {"clientId", "type", ...fields}}) as the contract's events, strictly: 1.5 mines is
 * not 1 mine, a misspelt field is not silently dropped, a missing number is not zero. An item that cannot be read
 * raises {@link Unreadable} with the rule and a sentence, for the batch's problem details.
 */
public final class PostedEvents {

    private final Map<String, Class<? extends StateEvent>> types;
    private final String kindOfFacts;
    private final ObjectMapper reader;
    private final ObjectMapper canonical;

    /**
     * {@code types}: the facts the service records; {@code kindOfFacts} names them in messages ("a reporting
     * fact").
     */
    @SafeVarargs
    public PostedEvents(ObjectMapper json, String kindOfFacts, Class<? extends StateEvent>... types) {
        this.types = new LinkedHashMap<>();
        for (Class<? extends StateEvent> type : types) {
            this.types.put(type.getSimpleName(), type);
        }
        this.kindOfFacts = kindOfFacts;
        this.reader = strict(json);
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * The edge's reader: a misspelt field, a missing number, 1.5 mines, a number where a date, a name or an
     * enum belongs ({@code "declaredOn": 12345} is not 19 October 2003), a string where a number belongs: all
     * refused, never coerced.
     */
    public static ObjectMapper strict(ObjectMapper json) {
        ObjectMapper strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.setDefaultLeniency(false);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer,
                            scalar == LogicalType.Boolean ? CoercionAction.Fail : CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return strict;
    }

    /** An item that cannot be read as a fact. */
    public static class Unreadable extends RuntimeException {
        private final String rule;

        Unreadable(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    public StateEvent read(PostedEvent item) {
        if (item.clientId() == null || !isUuid(item.clientId())) {
            throw new Unreadable("client-id", "Every item carries a clientId, a UUID chosen by the client; got '"
                    + item.clientId() + "'.");
        }
        Class<? extends StateEvent> type = types.get(item.type());
        if (type == null) {
            throw new Unreadable("unknown-type", "type '" + item.type() + "' is not " + kindOfFacts + "; one of "
                    + String.join(", ", types.keySet()) + ".");
        }
        Map<String, Object> fields = new HashMap<>(item.fields());
        fields.remove("clientId");
        fields.remove("type");
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType() == boolean.class) {
                fields.putIfAbsent(component.getName(), false);
            } else if (component.getType().isPrimitive() && !fields.containsKey(component.getName())) {
                throw new Unreadable("missing-field", item.type() + " needs '" + component.getName() + "'.");
            }
        }
        try {
            return reader.convertValue(fields, type);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("unreadable", "This " + item.type() + " cannot be read: " + reason(e, fields));
        }
    }

    /** The field at fault, what it holds and what it should hold, when Jackson says; else its first sentence. */
    private static String reason(IllegalArgumentException e, Map<String, Object> fields) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && mapping.getPath().get(0).getFieldName() != null) {
            String field = mapping.getPath().get(0).getFieldName();
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            if (target != null && fields.containsKey(field)) {
                return "'" + field + "' is " + fields.get(field) + ", which is not " + expected(target) + ".";
            }
            return "'" + field + "': " + firstSentence(mapping.getOriginalMessage());
        }
        return firstSentence(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static String expected(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "a date written YYYY-MM-DD";
        }
        if (type == String.class) {
            return "text (a JSON string)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "a whole number (a JSON number without a fraction)";
        }
        return "a " + type.getSimpleName();
    }

    // Jackson's first sentence names the problem; the rest is about Jackson
    private static String firstSentence(String message) {
        return message.split("\n")[0].split(" \\(set Deserialization| at \\[Source| \\(through reference")[0];
    }

    /** What the item says without its client id, independent of the order of its fields. */
    public String fingerprint(PostedEvent item) {
        Map<String, Object> fields = new HashMap<>(item.fields());
        fields.remove("clientId");
        try {
            return canonical.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint " + item, e);
        }
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
