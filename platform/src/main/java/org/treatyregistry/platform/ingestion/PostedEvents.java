package org.treatyregistry.platform.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.treatyregistry.contract.StateEvent;

/**
 * The one reader of posted items ({@code {"clientId", "type", ...fields}}) for every service, strict: a field the
 * item's type does not have (misspelt, or another type's) is refused with the closest known name; a number where a
 * date or text belongs, text where a number belongs, 1.5 mines, a single value where a list belongs: refused, never
 * coerced; control characters and bidirectional overrides are refused in every string, free text excepted (see
 * {@link #FREE_TEXT}). Every problem of an item is reported with its field ({@link Unreadable}). A type's posted
 * form is a record ({@link Form}): the contract's event itself, or a form the service converts into its events.
 */
public final class PostedEvents {

    /**
     * Fields holding prose, wherever they appear: line breaks, tabs and other controls may be part of such text, and
     * only NUL and the bidirectional embeddings and overrides (U+202A-U+202E, which make the text shown differ from
     * the text stored) are refused. Inside {@code answers} every value is such text.
     */
    public static final Set<String> FREE_TEXT = Set.of("sourceReference", "sourceConflict", "note", "reasons",
            "correctionReason", "answers", "nationalMeasuresDetail", "conversionOfProductionFacilities",
            "technicalCharacteristics", "warnings", "standards", "purpose");

    static final String CLIENT_ID = "clientId";
    static final String TYPE = "type";

    private final Map<String, Form<?>> forms = new LinkedHashMap<>();
    private final String kindOfFacts;
    private final ObjectMapper reader;
    private final ObjectMapper canonical;

    /** A service whose posted items are the contract's events as such. */
    @SafeVarargs
    public PostedEvents(ObjectMapper json, String kindOfFacts, Class<? extends StateEvent>... types) {
        this(json, kindOfFacts, Arrays.stream(types).<Form<?>>map(Form::event).toList());
    }

    /** {@code kindOfFacts} names the service's facts in messages ("a reporting fact"). */
    public PostedEvents(ObjectMapper json, String kindOfFacts, List<Form<?>> forms) {
        forms.forEach(form -> this.forms.put(form.type, form));
        this.kindOfFacts = kindOfFacts;
        this.reader = strict(json);
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * One type of posted item: the record its fields are read into, the fields it may carry (besides
     * {@code clientId} and {@code type}, which a record that declares them receives too) and the events it records.
     * The conversion may refuse the item by throwing a {@code RuleViolation}.
     */
    public static final class Form<P> {
        private final String type;
        private final Class<P> record;
        private final Map<String, RecordComponent> fields = new LinkedHashMap<>();
        private final Function<P, List<StateEvent>> conversion;

        private Form(String type, Class<P> record, Collection<String> fields,
                     Function<P, List<StateEvent>> conversion) {
            if (!record.isRecord()) {
                throw new IllegalArgumentException(record + " is not a record");
            }
            Map<String, RecordComponent> components = Arrays.stream(record.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, c -> c));
            for (String field : fields) {
                if (!components.containsKey(field)) {
                    throw new IllegalArgumentException(type + ": " + record.getSimpleName() + " has no " + field);
                }
                this.fields.put(field, components.get(field));
            }
            this.type = type;
            this.record = record;
            this.conversion = conversion;
        }

        /** The event as posted is the event recorded. */
        public static <E extends StateEvent> Form<E> event(Class<E> event) {
            return new Form<>(event.getSimpleName(), event, Arrays.stream(event.getRecordComponents())
                    .map(RecordComponent::getName).toList(), e -> List.of(e));
        }

        /** A posted form of {@code type} carrying {@code fields} of {@code record}, converted into events. */
        public static <P> Form<P> of(String type, Class<P> record, Collection<String> fields,
                                     Function<P, List<StateEvent>> conversion) {
            return new Form<>(type, record, fields, conversion);
        }
    }

    /**
     * The edge's reader: a misspelt field, a missing number, 1.5 mines, a number where a date, a name or an
     * enum belongs ({@code "declaredOn": 12345} is not 19 October 2003), a string where a number belongs, a single
     * value where a list belongs: all refused, never coerced.
     */
    public static ObjectMapper strict(ObjectMapper json) {
        ObjectMapper strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
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

    /** One thing wrong with a posted item: the rule, the field (null for the item as a whole), a sentence. */
    public record Problem(String rule, String field, String detail, String suggestion) {
    }

    /** An item that cannot be read as a fact, with every problem found in it. */
    public static class Unreadable extends RuntimeException {
        private final transient List<Problem> problems;

        Unreadable(List<Problem> problems) {
            super(problems.get(0).detail());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The events the item records; {@link Unreadable} if it cannot be read, a {@code RuleViolation} if refused. */
    public List<StateEvent> read(PostedEvent item) {
        if (item.clientId() == null || !isUuid(item.clientId())) {
            throw new Unreadable(List.of(new Problem("client-id", CLIENT_ID, "Every item carries a clientId, a UUID "
                    + "chosen by the client; got " + json(item.fields().get(CLIENT_ID)) + ".", null)));
        }
        Form<?> form = forms.get(item.type());
        if (form == null) {
            String suggestion = closest(item.type(), forms.keySet());
            throw new Unreadable(List.of(new Problem("unknown-type", TYPE, "type " + json(item.fields().get(TYPE))
                    + " is not " + kindOfFacts + (suggestion != null ? "; did you mean '" + suggestion + "'?"
                    : "; one of " + String.join(", ", forms.keySet()) + "."), suggestion)));
        }
        return read(form, item);
    }

    private <P> List<StateEvent> read(Form<P> form, PostedEvent item) {
        Map<String, Object> fields = new LinkedHashMap<>(item.fields());
        fields.remove(CLIENT_ID);
        fields.remove(TYPE);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            RecordComponent component = form.fields.get(name);
            if (component == null) {
                problems.add(unknownField(form, name));
                continue;
            }
            int before = problems.size();
            checkText(name, name, false, field.getValue(), problems);
            if (problems.size() > before) {
                continue;
            }
            if (field.getValue() == null) {
                if (component.getType().isPrimitive()) {
                    problems.add(new Problem("missing-field", name, "'" + name + "' is null, which is not "
                            + expected(component.getType()) + ".", null));
                }
                continue;
            }
            try {
                reader.convertValue(field.getValue(), reader.constructType(component.getGenericType()));
            } catch (IllegalArgumentException e) {
                problems.add(mismatch(name, field.getValue(), e));
            }
        }
        for (RecordComponent component : form.fields.values()) {
            if (component.getType() == boolean.class) {
                fields.putIfAbsent(component.getName(), false);
            } else if (component.getType().isPrimitive() && !fields.containsKey(component.getName())) {
                problems.add(new Problem("missing-field", component.getName(), form.type + " needs '"
                        + component.getName() + "'.", null));
            }
        }
        if (!problems.isEmpty()) {
            throw new Unreadable(problems);
        }
        for (RecordComponent component : form.record.getRecordComponents()) {
            if (component.getName().equals(CLIENT_ID) || component.getName().equals(TYPE)) {
                fields.put(component.getName(), item.fields().get(component.getName()));
            }
        }
        return form.conversion.apply(reader.convertValue(fields, form.record));
    }

    private Problem unknownField(Form<?> form, String name) {
        String suggestion = closest(name, form.fields.keySet());
        return new Problem("unknown-field", name, "'" + name + "' is not a field of " + form.type
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; its fields are clientId, type, "
                + String.join(", ", form.fields.keySet()) + "."), suggestion);
    }

    /**
     * Control characters (U+0000-U+001F, U+007F) and bidirectional embeddings, overrides and isolates
     * (U+202A-U+202E, U+2066-U+2069) are refused in every string, keys of objects included; in free text only NUL
     * and the embeddings and overrides are.
     */
    private static void checkText(String path, String name, boolean inFreeText, Object value,
                                  List<Problem> problems) {
        boolean free = inFreeText || FREE_TEXT.contains(name);
        if (value instanceof String text) {
            text.codePoints().filter(c -> refused(c, free)).findFirst().ifPresent(c -> problems.add(new Problem(
                    "control-character", path, "'" + path + "' holds " + String.format("U+%04X", c) + " ("
                    + (c >= 0x2000 ? "a bidirectional formatting character" : "a control character") + "), "
                    + "which " + (free ? "even free text may not hold." : "no field but free text may hold (see "
                    + "the API's list of free-text fields)."), null)));
        } else if (value instanceof Map<?, ?> object) {
            object.forEach((key, inner) -> {
                checkText(path + " (a key)", String.valueOf(key), false, String.valueOf(key), problems);
                checkText(path + "." + key, String.valueOf(key), free, inner, problems);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkText(path + "[" + i + "]", name, free, list.get(i), problems);
            }
        }
    }

    private static boolean refused(int c, boolean freeText) {
        boolean embeddingOrOverride = c >= 0x202A && c <= 0x202E;
        if (freeText) {
            return c == 0 || embeddingOrOverride;
        }
        return c <= 0x1F || c == 0x7F || embeddingOrOverride || (c >= 0x2066 && c <= 0x2069);
    }

    /** The field at fault (nested ones by their path), what it holds and what it should hold. */
    private Problem mismatch(String name, Object value, IllegalArgumentException e) {
        if (!(e.getCause() instanceof JsonMappingException mapping)) {
            return new Problem("wrong-type", name, "'" + name + "' cannot be read: " + firstSentence(e.getMessage()),
                    null);
        }
        StringBuilder path = new StringBuilder(name);
        for (JsonMappingException.Reference step : mapping.getPath()) {
            path.append(step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]");
        }
        String field = path.toString();
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
            String suggestion = closest(unknown.getPropertyName(), known);
            return new Problem("unknown-field", field, "'" + field + "' is not a known field"
                    + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; known here: "
                    + String.join(", ", known) + "."), suggestion);
        }
        Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return new Problem("wrong-type", field, "'" + field + "': "
                    + firstSentence(mapping.getOriginalMessage()), null);
        }
        String holds = mapping.getPath().isEmpty() ? " is " + json(value) + "," : "";
        return new Problem("wrong-type", field, "'" + field + "'" + holds + " which is not " + expected(target)
                + ".", null);
    }

    private static String expected(Class<?> type) {
        if (type == LocalDate.class) {
            return "a date written YYYY-MM-DD";
        }
        if (type == String.class) {
            return "text (a JSON string)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "a whole number (a JSON number without a fraction)";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list (a JSON array)";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    // Jackson's first sentence names the problem; the rest is about Jackson
    private static String firstSentence(String message) {
        return message.split("\n")[0].split(" \\(set Deserialization| at \\[Source| \\(through reference")[0];
    }

    /** The known name closest to {@code name} by edit distance (case aside), if close enough to be a misspelling. */
    static String closest(String name, Collection<String> known) {
        if (name == null) {
            return null;
        }
        int allowed = Math.max(1, name.length() / 3);
        return known.stream().filter(k -> distance(name.toLowerCase(), k.toLowerCase()) <= allowed)
                .min(Comparator.comparingInt(k -> distance(name.toLowerCase(), k.toLowerCase()))).orElse(null);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * What the item says without its client id, as canonical JSON (keys sorted at every depth): the same for every
     * service, and independent of the order of the fields and of the classes that read them.
     */
    public String fingerprint(PostedEvent item) {
        Map<String, Object> fields = new HashMap<>(item.fields());
        fields.remove(CLIENT_ID);
        return json(fields);
    }

    /**
     * Whether the item says what {@code recorded} holds: the same type, and every posted field that the event keeps
     * under its own name holds the same value. Fields the event derives or does not keep cannot differ. This is how
     * a re-post is compared with a fact whose fingerprint is of an older scheme ({@link BatchIngestion}).
     */
    public boolean saysWhatWasRecorded(PostedEvent item, StateEvent recorded) {
        if (!recorded.getClass().getSimpleName().equals(item.type())) {
            return false;
        }
        Map<String, RecordComponent> kept = Arrays.stream(recorded.getClass().getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, c -> c));
        Set<String> posted = new LinkedHashSet<>(item.fields().keySet());
        posted.remove(CLIENT_ID);
        posted.remove(TYPE);
        for (String field : posted) {
            RecordComponent component = kept.get(field);
            if (component == null) {
                continue;
            }
            JsonNode was = canonical.valueToTree(valueOf(component, recorded));
            JsonNode is = canonical.valueToTree(item.fields().get(field));
            if (!is.equals(PostedEvents::compareNodes, was)) {
                return false;
            }
        }
        return true;
    }

    private static int compareNodes(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private String json(Object value) {
        try {
            return canonical.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
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
