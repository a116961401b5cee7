package org.treatyregistry.localrun.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.treatyregistry.localrun.processes.Topology;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.transparency.TransparencyLog;

/**
 * What the fault suite checks, from the services' own databases and Kafka, never through their APIs: every
 * acknowledged fact in its service's store once; its events on Kafka by CloudEvents id; in every projection that
 * takes them exactly once (each service's own, and those of the others across Kafka); no refused fact recorded;
 * no dead letters; and how far behind the store each processor and consumer group is.
 */
final class Audit implements AutoCloseable {

    /** What was found: counts over every fact acknowledged so far, and each problem in a sentence. */
    record Findings(long acknowledged, long lost, long doubled, long redeliveredOnKafka, List<String> problems) {
    }

    /** Lag that cannot be read now (Kafka or MongoDB not answering). */
    static final long UNKNOWN = -1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Topology topology;
    private final MongoClient mongo;

    Audit(Topology topology) {
        this.topology = topology;
        // Short timeouts: the suite samples lag while MongoDB is unreachable, and must not hang on it.
        this.mongo = MongoClients.create(
                topology.mongoUri("") + "?serverSelectionTimeoutMS=3000&socketTimeoutMS=10000");
    }

    /** Problems of one kind counted together, each kind with its first example, so a table cell stays readable. */
    private static final class Problems {
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private final Map<String, String> examples = new HashMap<>();

        void add(String kind, String example) {
            counts.computeIfAbsent(kind, k -> new long[1])[0]++;
            examples.putIfAbsent(kind, example);
        }

        List<String> sentences() {
            return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()[0] + " (e.g. "
                    + examples.get(e.getKey()) + ")").toList();
        }
    }

    Findings check(Load load) {
        Problems problems = new Problems();
        long lost = 0;
        long doubled = 0;
        Map<String, Set<String>> events = new HashMap<>();
        for (String service : Topology.SERVICES) {
            Map<String, List<String>> recorded = recordedByClientId(service);
            Set<String> acknowledged = load.acknowledged().getOrDefault(service, Set.of());
            Set<String> ids = new HashSet<>();
            for (String clientId : acknowledged) {
                List<String> eventIds = recorded.get(clientId);
                if (eventIds == null) {
                    lost++;
                    problems.add(service + ": acknowledged facts not in the store", clientId);
                } else {
                    ids.addAll(eventIds);
                }
            }
            events.put(service, ids);
            if (ids.size() < acknowledged.size()) {
                whereAreTheMissing(service, load, recorded, problems);
            }
            load.refused().getOrDefault(service, Set.of()).stream().filter(recorded::containsKey).forEach(clientId ->
                    problems.add(service + ": refused facts recorded", clientId));
        }
        Map<String, Integer> onKafka = onKafka(problems);
        long redelivered = 0;
        for (Map.Entry<String, Set<String>> service : events.entrySet()) {
            for (String id : service.getValue()) {
                int copies = onKafka.getOrDefault(id, 0);
                if (copies == 0) {
                    lost++;
                    problems.add(service.getKey() + ": events not on Kafka", id);
                }
                redelivered += Math.max(0, copies - 1);
            }
        }
        long[] counts = new long[2];
        exactlyOnce("registry", "registry_facts", events.get("registry"), counts, problems);
        exactlyOnce("reporting", "registry_facts", events.get("registry"), counts, problems);
        exactlyOnce("indicators", "participants", events.get("registry"), counts, problems);
        exactlyOnce("indicators", "indicator_records", events.get("indicators"), counts, problems);
        areasOnce(events.get("reporting").size(), counts, problems);
        lost += counts[0];
        doubled += counts[1];
        Set<String> seenByIndicators = new HashSet<>();
        // One pass over the inbox: its eventId is not a unique key, which mongo-java-server would not serve from
        // an index, and an $in of thousands of ids would scan it once per id.
        mongo.getDatabase("indicators").getCollection("inbox").find().projection(Projections.include("eventId"))
                .batchSize(5_000).forEach(d -> seenByIndicators.add(d.getString("eventId")));
        for (String id : events.get("reporting")) {
            if (!seenByIndicators.contains(id)) {
                lost++;
                problems.add("indicators: reporting's events that never reached its inbox", id);
            }
        }
        for (String service : Topology.SERVICES) {
            MongoDatabase database = mongo.getDatabase(service);
            long letters = database.getCollection("deadletters").countDocuments()
                    + database.getCollection("inbox_dead_letters").countDocuments();
            if (letters > 0) {
                problems.add(service + ": dead letters (" + letters + ")", "see " + service + ".deadletters");
            }
        }
        return new Findings(load.acknowledgedCount(), lost, doubled, redelivered, problems.sentences());
    }

    /**
     * The projections of each service's own store, by processor, with the collections each writes: what a fresh
     * replay rebuilds. (The Kafka publisher is a processor too, but replaying it would publish everything again.)
     */
    static final Map<String, Map<String, List<String>>> OWN_PROJECTIONS = Map.of(
            "registry", Map.of("registry-facts", List.of("registry_facts")),
            "reporting", Map.of("reporting-facts", List.of("reporting_facts"),
                    "contamination", List.of("areas", "contamination_months", "contamination_years",
                            "contaminated_states")),
            "indicators", Map.of("indicator-records", List.of("indicator_records")));
    /** Fields that are caches or write counters, not content: a year's cached totals and its update count. */
    private static final Set<String> NOT_CONTENT = Set.of("totals", "version");

    /**
     * A SHA-256 of a collection's content: every document in {@code _id} order, written canonically (keys sorted,
     * and arrays sorted too, since a set kept with {@code $addToSet} holds what arrived in arrival order), without
     * {@link #NOT_CONTENT}. Equal content, however it was written, has one checksum.
     */
    String checksum(String service, String collection) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        Map<String, List<Document>> factsByState = new TreeMap<>();
        for (Document document : mongo.getDatabase(service).getCollection(collection).find()
                .sort(Sorts.ascending("_id")).batchSize(1_000)) {
            if (document.containsKey("facts")) {
                // A State's facts are kept in buckets, each fact with its place: what counts is each State's facts in
                // that order, not how a projection's batches happened to fill its buckets.
                String iso3 = document.getString("_id").replaceFirst("#.*", "");
                factsByState.computeIfAbsent(iso3, k -> new ArrayList<>())
                        .addAll(document.getList("facts", Document.class));
                continue;
            }
            document.keySet().removeAll(NOT_CONTENT);
            digest.update(canonical(document).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        factsByState.forEach((iso3, facts) -> {
            facts.sort(Comparator.comparingLong(fact -> fact.get("seq", Number.class).longValue()));
            digest.update(iso3.getBytes(StandardCharsets.UTF_8));
            for (Document fact : facts) {
                fact.remove("seq");
                digest.update(canonical(fact).getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) '\n');
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Takes the last fact out of the first State's document of a facts projection; its checksum after that. */
    String dropOneFact(String service, String collection) {
        MongoCollection<Document> states = mongo.getDatabase(service).getCollection(collection);
        Document first = states.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()).stream()
                .filter(state -> !state.getList("facts", Document.class, List.of()).isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalStateException(service + "." + collection + " holds no fact"));
        states.updateOne(Filters.eq("_id", first.get("_id")), Updates.popLast("facts"));
        return checksum(service, collection);
    }

    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(
                    Object::toString))).map(e -> e.getKey() + "=" + canonical(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Audit::canonical).sorted()
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        return String.valueOf(value);
    }

    private static final Pattern CLIENT_ID = Pattern.compile("\"clientId\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * For acknowledged facts not found by their client key: a scan of every event's metadata for their client id
     * says whether they are in the store without the key (the key's index or the audit would be wrong) or nowhere.
     */
    private void whereAreTheMissing(String service, Load load, Map<String, List<String>> recorded,
                                    Problems problems) {
        Set<String> missing = new HashSet<>(load.acknowledged().get(service));
        missing.removeAll(recorded.keySet());
        Set<String> found = new HashSet<>();
        mongo.getDatabase(service).getCollection(MongoEventStorageEngine.COMMITS).find().batchSize(500)
                .forEach(commit -> EventCommit.events(commit).forEach(d -> {
                    Matcher clientId = CLIENT_ID.matcher(String.valueOf(d.get("metaData")));
                    if (clientId.find() && missing.contains(clientId.group(1))) {
                        found.add(clientId.group(1));
                        problems.add(service + ": acknowledged facts in the store without their client key",
                                clientId.group(1) + " at position " + d.get("position") + ", key "
                                        + d.get(MongoEventStorageEngine.CLIENT_KEY) + ", answered "
                                        + load.outcomeOf(clientId.group(1)));
                    }
                }));
        missing.stream().filter(id -> !found.contains(id)).forEach(id ->
                problems.add(service + ": acknowledged facts in no event of the store", id + ", answered "
                        + load.outcomeOf(id)));
    }

    /** Client id to the ids of the events its fact produced, from the store's client keys ({@code <clientId>#n}). */
    private Map<String, List<String>> recordedByClientId(String service) {
        Map<String, List<String>> recorded = new HashMap<>();
        mongo.getDatabase(service).getCollection(MongoEventStorageEngine.COMMITS)
                .find(Filters.exists(EventCommit.CLIENT_KEYS)).batchSize(500)
                .forEach(commit -> EventCommit.events(commit).forEach(d -> {
                    String key = d.getString(MongoEventStorageEngine.CLIENT_KEY);
                    if (key != null) {
                        recorded.computeIfAbsent(key.substring(0, key.lastIndexOf('#')), k -> new ArrayList<>())
                                .add(d.getString("eventIdentifier"));
                    }
                }));
        return recorded;
    }

    /** A projection of one State document per State ({@code facts: [{eventId}]}): each expected event once. */
    private void exactlyOnce(String service, String collection, Set<String> expected, long[] counts,
                             Problems problems) {
        Map<String, Integer> copies = new HashMap<>();
        for (Document state : mongo.getDatabase(service).getCollection(collection).find()
                .projection(Projections.include("facts.eventId"))) {
            for (Document fact : state.getList("facts", Document.class, List.of())) {
                copies.merge(fact.getString("eventId"), 1, Integer::sum);
            }
        }
        for (String id : expected) {
            int found = copies.getOrDefault(id, 0);
            if (found == 0) {
                counts[0]++;
                problems.add(service + "." + collection + ": events missing", id);
            } else if (found > 1) {
                counts[1]++;
                problems.add(service + "." + collection + ": events more than once", id + " " + found + " times");
            }
        }
    }

    /** Reporting's land-release areas: one per hazardous area the suite recorded. */
    private void areasOnce(int expected, long[] counts, Problems problems) {
        Map<String, Integer> copies = new HashMap<>();
        mongo.getDatabase("reporting").getCollection("areas").find(Filters.regex("areaId", "^faults-"))
                .projection(Projections.include("areaId")).forEach(d -> copies.merge(d.getString("areaId"), 1,
                        Integer::sum));
        long doubled = copies.values().stream().filter(c -> c > 1).count();
        if (copies.size() < expected) {
            counts[0] += expected - copies.size();
            problems.add("reporting.areas: hazardous areas missing", copies.size() + " of " + expected + " there");
        }
        if (doubled > 0) {
            counts[1] += doubled;
            problems.add("reporting.areas: areas more than once", doubled + " of them");
        }
    }

    /**
     * Each CloudEvents id on the three services' topics as a reader of committed records sees them, with how many
     * records carry it; each State's events in the order of their stores (by {@code position}, the first copy
     * of each), or a problem naming the first event out of order; and every copy's {@code logindex} the index the
     * producing service's transparency log gives the event.
     */
    private Map<String, Integer> onKafka(Problems problems) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topology.kafkaBootstrap());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Long> furthest = new HashMap<>();
        Map<String, Map<String, Long>> logIndexes = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String service : Topology.SERVICES) {
                String topic = EventTopicsAutoConfiguration.topicOf(service);
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode event = JSON.readTree(record.value());
                        logIndexes.computeIfAbsent(record.topic(), t -> new HashMap<>()).merge(
                                event.path("id").asText(), event.path("logindex").asLong(-1), (first, again) -> {
                                    if (!first.equals(again)) {
                                        problems.add("Kafka: copies of an event with two log indexes",
                                                event.path("id").asText() + ": " + first + " and " + again);
                                    }
                                    return first;
                                });
                        if (ids.merge(event.path("id").asText(), 1, Integer::sum) == 1) {
                            long position = event.path("position").asLong();
                            String state = record.topic() + "/" + record.key();
                            Long before = furthest.put(state, Math.max(position, furthest.getOrDefault(state, -1L)));
                            if (before != null && position < before) {
                                problems.add("Kafka: a State's event after a later one of its store",
                                        state + " position " + position + " after " + before + " (offset "
                                                + record.offset() + ")");
                            }
                        }
                    } catch (IOException e) {
                        ids.merge("undecodable@" + record.topic() + "/" + record.offset(), 1, Integer::sum);
                    }
                }
            }
        }
        for (String service : Topology.SERVICES) {
            logIndexesAsLogged(service, logIndexes.getOrDefault(EventTopicsAutoConfiguration.topicOf(service),
                    Map.of()), problems);
        }
        return ids;
    }

    /** Each event's log index as read on Kafka ({@code -1}: none) against the service's transparency log. */
    private void logIndexesAsLogged(String service, Map<String, Long> onKafka, Problems problems) {
        Map<String, Long> unchecked = new HashMap<>(onKafka);
        // The suite's own poison record is no event of the service's store: it has no log index to check.
        unchecked.keySet().removeIf(id -> id.startsWith(FaultSuite.POISON_ID_PREFIX));
        for (Document entry : mongo.getDatabase(service).getCollection(TransparencyLog.ENTRIES).find()
                .projection(Projections.include("eventId")).batchSize(5_000)) {
            Long carried = unchecked.remove(entry.getString("eventId"));
            long logged = entry.get("_id", Number.class).longValue();
            if (carried != null && carried != logged) {
                problems.add("Kafka: a log index that is not the log's", service + " event "
                        + entry.getString("eventId") + " carries " + carried + ", logged at " + logged);
            }
        }
        unchecked.forEach((eventId, carried) -> problems.add("Kafka: an event the log does not hold", service
                + " event " + eventId + " carries log index " + carried));
    }

    /**
     * How many events the furthest-behind reader is behind: each service's processors (the lowest segment token
     * against the head of its store) and each Kafka consumer group (committed offsets against the log ends);
     * {@link #UNKNOWN} while either does not answer.
     */
    long lag() {
        Map<String, Long> readers = lagByReader();
        return readers == null ? UNKNOWN : readers.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Each reader ({@code service/processor}, {@code kafka/group}) with its lag; null while one does not answer. */
    Map<String, Long> lagByReader() {
        Map<String, Long> readers = new TreeMap<>();
        try {
            storeLag(readers);
        } catch (MongoException e) {
            // MongoDB frozen or away (a phase's own fault): the lag is unknown until it answers.
            return null;
        }
        return kafkaLag(readers) ? readers : null;
    }

    private void storeLag(Map<String, Long> readers) {
        for (String service : Topology.SERVICES) {
            MongoDatabase database = mongo.getDatabase(service);
            Document head = database.getCollection(MongoEventStorageEngine.COMMITS).find()
                    .sort(Sorts.descending("_id")).projection(Projections.include("positions")).first();
            List<Number> headPositions = head == null ? List.of() : head.getList("positions", Number.class);
            long headPosition = headPositions.isEmpty() ? -1
                    : headPositions.get(headPositions.size() - 1).longValue();
            for (Document token : database.getCollection("trackingtokens").find()) {
                readers.merge(service + "/" + token.getString("processorName"), headPosition - position(token),
                        Math::max);
            }
        }
    }

    /** A stored token's position: its index, inside a replay's wrapper if replaying; -1 before the first event. */
    private static long position(Document token) {
        Object bytes = token.get("token");
        if (bytes == null) {
            return -1;
        }
        try {
            JsonNode node = JSON.readTree(bytes instanceof Binary binary ? binary.getData() : (byte[]) bytes);
            JsonNode current = node.has("currentToken") ? node.get("currentToken") : node;
            return current.path("index").asLong(-1);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable token of " + token.getString("processorName"), e);
        }
    }

    private boolean kafkaLag(Map<String, Long> readers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topology.kafkaBootstrap());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(config)) {
            Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get();
            for (ConsumerGroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                long lag = 0;
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        lag = Math.max(lag, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
                readers.put("kafka/" + group.groupId(), lag);
            }
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        mongo.close();
    }
}
