package org.treatyregistry.platform.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.EventLeaf;

/**
 * CloudEvents 1.0 in structured JSON mode: the public form of every event on Kafka, readable without Axon.
 * {@code time} is the fact's legal effective date; when it was recorded and by whom travel as the
 * {@code recordedtime} and {@code principal} extensions, and on Kafka its index in the producing service's
 * transparency log (decision 0026) as {@code logindex}.
 */
public class CloudEventCodec {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String PRINCIPAL = "principal";

    private final ObjectMapper json;
    private final String source;

    public CloudEventCodec(ObjectMapper json, String serviceName) {
        this.json = json;
        this.source = EventLeaf.sourceOf(serviceName);
    }

    /** The event as a CloudEvent, with its store position and its log index ({@code null}: not carried). */
    public byte[] encode(DomainEventMessage<?> event, StateEvent payload, long position, Long logIndex) {
        ObjectNode envelope = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", event.getIdentifier())
                .put("source", source)
                .put("type", EventCatalog.typeOf(payload.getClass()))
                .put("subject", payload.iso3())
                .put("time", payload.effectiveDate().atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .put("datacontenttype", "application/json")
                .put("recordedtime", event.getTimestamp().toString())
                .put("sequence", Long.toString(event.getSequenceNumber()))
                .put("position", Long.toString(position));
        if (logIndex != null) {
            envelope.put("logindex", Long.toString(logIndex));
        }
        Object principal = event.getMetaData().get(PRINCIPAL);
        if (principal != null) {
            envelope.put(PRINCIPAL, principal.toString());
        }
        envelope.set("data", json.valueToTree(payload));
        try {
            return json.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CloudEvent that is no stored event but follows from the record or the service (an alert, a notice to a
     * subscriber): its id, type, subject, the time it is about, and its data.
     */
    public byte[] encodeNotice(String id, String type, String subject, Instant time, Object data) {
        ObjectNode envelope = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", source)
                .put("type", type)
                .put("subject", subject)
                .put("time", time.toString())
                .put("datacontenttype", "application/json");
        envelope.set("data", json.valueToTree(data));
        try {
            return json.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a record's value; empty when its type is not one this build knows (a newer producer's). */
    public Optional<InboundEvent> decode(byte[] value) {
        try {
            JsonNode envelope = json.readTree(value);
            String type = required(envelope, "type");
            Optional<Class<? extends StateEvent>> eventClass = EventCatalog.classOf(type);
            if (eventClass.isEmpty()) {
                return Optional.empty();
            }
            StateEvent payload = json.treeToValue(envelope.required("data"), eventClass.get());
            return Optional.of(new InboundEvent(
                    required(envelope, "id"),
                    required(envelope, "source"),
                    type,
                    required(envelope, "subject"),
                    LocalDate.ofInstant(Instant.parse(required(envelope, "time")), ZoneOffset.UTC),
                    Instant.parse(required(envelope, "recordedtime")),
                    envelope.path(PRINCIPAL).asText(null),
                    Long.parseLong(required(envelope, "sequence")),
                    payload));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a CloudEvent in JSON: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode envelope, String attribute) {
        JsonNode node = envelope.get(attribute);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("CloudEvent without '" + attribute + "'");
        }
        return node.asText();
    }
}
