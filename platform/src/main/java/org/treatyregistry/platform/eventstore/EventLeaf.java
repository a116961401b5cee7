package org.treatyregistry.platform.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;

/**
 * An event's leaf in its service's transparency log: the RFC 8785 canonical JSON of what the event says, fixed when
 * it is stored and kept beside it ({@value #LEAF}). Its members: {@code v} (this format, 1), {@code id},
 * {@code source}, {@code type} (the CloudEvents type), {@code subject} (the State), {@code legaltime} (the date the
 * fact takes effect), {@code recordedtime}, {@code principal}, {@code stream} and {@code sequence}, {@code position}
 * (in the store) and {@code data} (the payload as stored). Everything is read from the stored event, the
 * CloudEvents attributes from its {@value #ENVELOPE}, written at append from the event itself, so that the same
 * stored event always gives the same leaf, whatever later code makes of its payload (decision 0026).
 */
public final class EventLeaf {

    /** The stored event's CloudEvents type, subject and legal time, as appended. */
    public static final String ENVELOPE = "envelope";
    /** The leaf's bytes, as UTF-8 text. */
    public static final String LEAF = "leaf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLeaf() {
    }

    /** A service's CloudEvents source, as its events on Kafka and its log's leaves name it. */
    public static String sourceOf(String serviceName) {
        return "/treaty-registry/" + serviceName + "-service";
    }

    /** The event's CloudEvents type, subject and legal time, kept with it when it is appended. */
    public static Document envelope(EventMessage<?> event) {
        Document envelope = new Document();
        if (event.getPayload() instanceof StateEvent state) {
            // A fact without a date (a malformed one refused later, or one dated by its record) has no legal time.
            envelope.append("type", EventCatalog.typeOf(state.getClass()))
                    .append("subject", state.iso3())
                    .append("legaltime", state.effectiveDate() == null ? null : state.effectiveDate().toString());
        } else {
            envelope.append("type", event.getPayloadType().getName());
        }
        return envelope;
    }

    /** The leaf of a stored event (its position set) of the service whose CloudEvents source is {@code source}. */
    public static String of(Document event, String source) {
        ObjectNode leaf = JSON.createObjectNode().put("v", 1)
                .put("id", event.getString("eventIdentifier"));
        if (source != null) {
            leaf.put("source", source);
        }
        Document envelope = event.get(ENVELOPE, Document.class);
        if (envelope != null) {
            envelope.forEach((name, value) -> {
                if (value != null) {
                    leaf.put(name, value.toString());
                }
            });
        }
        leaf.put("recordedtime", event.getString("timestamp"));
        JsonNode principal = parse(event.getString("metaData"), "metaData").get("principal");
        if (principal != null && !principal.isNull()) {
            leaf.put("principal", principal.asText());
        }
        leaf.put("stream", event.getString("aggregateIdentifier"))
                .put("sequence", event.get("sequenceNumber", Number.class).longValue())
                .put("position", event.get("position", Number.class).longValue());
        leaf.set("data", parse(event.getString("payload"), "payload"));
        return CanonicalJson.of(leaf);
    }

    public static byte[] bytes(String leaf) {
        return leaf.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json, String what) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored event's " + what + " is not JSON", e);
        }
    }
}
