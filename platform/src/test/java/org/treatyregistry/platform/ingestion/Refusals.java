package org.treatyregistry.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert;
import org.assertj.core.groups.Tuple;

/** For each service's test of the strict reader: posted items, and the refusal every bad one must get. */
public final class Refusals {

    private Refusals() {
    }

    /** A posted item of {@code type} under a new client id: {@code fields} as name, value, name, value... */
    public static Map<String, Object> item(String type, Object... fields) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("clientId", UUID.randomUUID().toString());
        item.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            item.put((String) fields[i], fields[i + 1]);
        }
        return item;
    }

    /** {@code item} with one field set (added, or replacing what it held). */
    public static Map<String, Object> with(Map<String, Object> item, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(item);
        changed.put("clientId", UUID.randomUUID().toString());
        changed.put(field, value);
        return changed;
    }

    /**
     * The post is refused whole (422) with exactly these errors, in order, each as (index, field, rule, suggestion).
     */
    public static void assertRefused(ThrowableAssert.ThrowingCallable post, Tuple... errors) {
        BatchIngestion.Refused refused = catchThrowableOfType(BatchIngestion.Refused.class, post);
        assertThat(refused).as("the post is refused").isNotNull();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errors()).extracting(ItemError::index, ItemError::field, ItemError::rule,
                ItemError::suggestion).containsExactly(errors);
    }
}
