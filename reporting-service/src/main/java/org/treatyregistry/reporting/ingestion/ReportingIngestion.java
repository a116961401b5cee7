package org.treatyregistry.reporting.ingestion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.contract.stockpiles.MinesTransferred;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.convention.participation.Countries;
import org.treatyregistry.convention.participation.RuleViolation;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.ItemError;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.reporting.participation.RegistryFacts;
import org.treatyregistry.reporting.record.RecordReportingFacts;
import org.treatyregistry.reporting.record.ReportingStream;
import org.treatyregistry.reporting.reports.ReportRules;

/**
 * Records posted reporting facts under the ingestion contract ({@link BatchIngestion}): each item is read,
 * checked against its stream as the event store holds it (and the items before it), and against the State's
 * participation as the registry's events have it; then each stream's facts are recorded in one command.
 */
@Service
public class ReportingIngestion {

    /** The facts this service records, by the {@code type} they are posted under. */
    static final Map<String, Class<? extends StateEvent>> TYPES = types(ReportSubmitted.class, ReportAmended.class,
            StockpileDeclared.class, PreviouslyUnknownStockpileFound.class, MinesDestroyed.class,
            MinesTransferred.class, HazardousAreaRecorded.class, LandReleased.class);

    private final BatchIngestion ingestion;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final RegistryFacts registry;
    private final Clock clock;
    private final ObjectMapper reader;
    private final ObjectMapper canonical;

    ReportingIngestion(BatchIngestion ingestion, CommandGateway commands, EventStore eventStore,
                       RegistryFacts registry, Clock clock, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.ingestion = ingestion;
        this.commands = commands;
        this.eventStore = eventStore;
        this.registry = registry;
        this.clock = clock;
        // strict: 1.5 mines is not 1 mine, and a misspelt field is not silently dropped
        this.reader = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.canonical = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public List<BatchIngestion.Outcome> ingest(List<PostedEvent> items, String principal) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Stream> streams = new HashMap<>();
        Map<String, List<PendingFact>> byStream = new LinkedHashMap<>();
        return ingestion.ingest(items, principal, new BatchIngestion.Batch<>() {
            @Override
            public String clientId(PostedEvent item) {
                return item.clientId();
            }

            @Override
            public String fingerprint(PostedEvent item) {
                Map<String, Object> fields = new HashMap<>(item.fields());
                fields.remove("clientId");
                try {
                    return canonical.writeValueAsString(fields);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean recordedBefore(PostedEvent item) {
                return read(item).map(event -> stream(ReportingStream.of(event), streams).clientIds()
                        .contains(item.clientId())).orElse(false);
            }

            @Override
            public Optional<ItemError> check(int index, PostedEvent item) {
                try {
                    StateEvent event = convert(item);
                    checkGenerally(event, today);
                    Stream stream = stream(ReportingStream.of(event), streams);
                    Optional<RuleViolation> violation = ReportingStream.check(stream.events(), event)
                            .or(() -> checkWithRegistry(event, stream.events()));
                    if (violation.isPresent()) {
                        throw violation.get();
                    }
                    stream.events().add(event);
                    byStream.computeIfAbsent(ReportingStream.of(event), k -> new ArrayList<>())
                            .add(new PendingFact(event, item.clientId()));
                    return Optional.empty();
                } catch (RuleViolation violation) {
                    return Optional.of(new ItemError(index, item.clientId(), violation.rule(), violation.getMessage()));
                }
            }

            @Override
            public void record() {
                byStream.forEach((stream, pending) -> commands.sendAndWait(new RecordReportingFacts(stream, pending),
                        MetaData.with(CloudEventCodec.PRINCIPAL, principal)));
            }
        });
    }

    /** Reads an item as its fact; null for one that cannot be read (refused in {@code check}). */
    private Optional<StateEvent> read(PostedEvent item) {
        try {
            return Optional.of(convert(item));
        } catch (RuleViolation unreadable) {
            return Optional.empty();
        }
    }

    private StateEvent convert(PostedEvent item) {
        if (item.clientId() == null || !isUuid(item.clientId())) {
            throw new RuleViolation("client-id", "Every item carries a clientId, a UUID chosen by the client; got '"
                    + item.clientId() + "'.");
        }
        Class<? extends StateEvent> type = TYPES.get(item.type());
        if (type == null) {
            throw new RuleViolation("unknown-type", "type '" + item.type() + "' is not a reporting fact; one of "
                    + String.join(", ", TYPES.keySet()) + ".");
        }
        Map<String, Object> fields = new HashMap<>(item.fields());
        fields.remove("clientId");
        fields.remove("type");
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType() == boolean.class) {
                fields.putIfAbsent(component.getName(), false);
            } else if (component.getType().isPrimitive() && !fields.containsKey(component.getName())) {
                throw new RuleViolation("missing-field", item.type() + " needs '" + component.getName() + "'.");
            }
        }
        try {
            return reader.convertValue(fields, type);
        } catch (IllegalArgumentException e) {
            // Jackson's first sentence names the field and the problem; the rest is about Jackson
            String reason = e.getMessage() == null ? e.toString()
                    : e.getMessage().split("\n")[0].split(" \\(set Deserialization| at \\[Source")[0];
            throw new RuleViolation("unreadable", "This " + item.type() + " cannot be read: " + reason);
        }
    }

    private static void checkGenerally(StateEvent event, LocalDate today) {
        if (event.iso3() == null || !Countries.isKnown(event.iso3())) {
            throw new RuleViolation("unknown-state", "'" + event.iso3() + "' is not an ISO 3166-1 alpha-3 code.");
        }
        if (event.effectiveDate() == null) {
            throw new RuleViolation("no-date", "The fact has no date.");
        }
        if (event.effectiveDate().isAfter(today)) {
            throw new RuleViolation("future-date", "The fact is dated " + event.effectiveDate() + ", after today ("
                    + today + "): record facts once they have happened.");
        }
        if ((event instanceof HazardousAreaRecorded a && blank(a.areaId()))
                || (event instanceof LandReleased r && blank(r.areaId()))) {
            throw new RuleViolation("area-id", "A hazardous area needs its areaId, unique within the State.");
        }
    }

    private Optional<RuleViolation> checkWithRegistry(StateEvent event, List<StateEvent> stream) {
        String name = Countries.nameOf(event.iso3()).orElse(event.iso3());
        if (event instanceof ReportSubmitted report) {
            return ReportRules.check(report, registry.history(event.iso3(), clock.instant()), name);
        }
        if (event instanceof ReportAmended amended) {
            return ReportRules.check(amended, stream);
        }
        return Optional.empty();
    }

    /** A stream as the event store holds it now, loaded once per post. */
    private Stream stream(String key, Map<String, Stream> streams) {
        return streams.computeIfAbsent(key, k -> {
            List<StateEvent> events = new ArrayList<>();
            Set<String> clientIds = new HashSet<>();
            eventStore.readEvents(k).asStream().forEach(e -> {
                events.add((StateEvent) e.getPayload());
                Object clientId = e.getMetaData().get(EventStoreAutoConfiguration.CLIENT_ID);
                if (clientId != null) {
                    clientIds.add(clientId.toString());
                }
            });
            return new Stream(events, clientIds);
        });
    }

    private record Stream(List<StateEvent> events, Set<String> clientIds) {
    }

    @SafeVarargs
    private static Map<String, Class<? extends StateEvent>> types(Class<? extends StateEvent>... types) {
        Map<String, Class<? extends StateEvent>> byName = new LinkedHashMap<>();
        for (Class<? extends StateEvent> type : types) {
            byName.put(type.getSimpleName(), type);
        }
        return byName;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
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
