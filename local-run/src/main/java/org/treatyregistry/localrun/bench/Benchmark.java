package org.treatyregistry.localrun.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.localrun.CrashSafeH2Backend;
import org.treatyregistry.localrun.LocalSystem;
import org.treatyregistry.localrun.webhooks.WebhookReceiver;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.kafka.KafkaEventPublisher;
import org.treatyregistry.platform.transparency.LogAppender;
import org.treatyregistry.platform.transparency.LogAudit;
import org.treatyregistry.platform.transparency.RecordedLeaves;
import org.treatyregistry.platform.transparency.TransparencyLog;
import org.treatyregistry.transparency.NoteKeys;

/**
 * {@code ./bench}: the system's append and cross-service speed against the raw speed of the MongoDB under it,
 * measured side by side in one run on the same server, so that the ratios hold on a busy or slow machine where
 * the raw figures do not (they vary by a factor of two from run to run here). Prints a table and writes
 * {@code docs/benchmarks.md}. Options: {@code --single=N} posts of one fact, {@code --batch=N} facts in one post,
 * {@code --rate=N} facts/s for {@code --seconds=N} across Kafka and to a webhook subscriber, {@code --log=N} facts
 * posted with the transparency log running and as many with it stopped, {@code --log-rate=N} facts/s offered for
 * {@code --log-seconds=N} with the log running (its latency at a load the system takes), {@code --log-rebuild=N}
 * leaves hashed into a log from nothing, {@code --log-audit=N} events in an in-memory store and its log audited
 * (not run unless asked: 1,000,000 exhaust a 6 GB heap),
 * {@code --mongo=URI --kafka=HOST:PORT} to run against a real MongoDB and
 * Kafka instead of the in-process pair, {@code --out=FILE}. 0 skips a measurement.
 */
public final class Benchmark {

    private static final String KEY = "bench-integration-key";
    private static final String AUDITOR = "bench-auditor-key";
    /** The State the posts across Kafka are about. */
    private static final String ACROSS = "COL";

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String[]> rows = new ArrayList<>();
    private final AtomicLong maxHeap = new AtomicLong();
    private String gateway;
    /** A land-release fact as reporting's store keeps it: the shape of the events of the self-audit's store. */
    private Document template;

    private Benchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("single", "500", "batch", "5000", "rate", "1000",
                "seconds", "60", "log", "20000", "log-rate", "100",
                "log-seconds", "30", "log-rebuild", "1000000", "log-audit", "0", "out", "docs/benchmarks.md"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new Benchmark(options).run();
        System.exit(0);
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        String keys = "bench-integration:integration:" + KEY + ",bench-auditor:auditor:" + AUDITOR;
        String secret = "benchmark-gateway-secret-of-at-least-32-bytes";
        Path data = Files.createTempDirectory("treaty-bench");
        LocalSystem.Settings settings = options.containsKey("mongo")
                ? LocalSystem.Settings.external(options.get("mongo"), options.get("kafka"), keys, secret)
                : LocalSystem.Settings.onDisk(data, 0, keys, secret);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> maxHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 200,
                TimeUnit.MILLISECONDS);
        try (LocalSystem system = LocalSystem.start(settings)) {
            gateway = "http://localhost:" + system.gatewayPort();
            try (MongoClient mongo = MongoClients.create(system.mongoUri("bench"))) {
                if (option("single") > 0) {
                    singleFacts(mongo.getDatabase("bench").getCollection("raw-one"));
                }
                if (option("batch") > 0) {
                    batchOfFacts(mongo.getDatabase("bench").getCollection("raw-many"));
                }
            }
            if (option("seconds") > 0) {
                acrossKafka(system);
            }
            if (option("log") > 0) {
                transparencyLog(system);
            }
            if (option("log-audit") > 0) {
                template = storedEvent(system);
            }
        } finally {
            sampler.shutdownNow();
        }
        add(new String[] {"heap of the one JVM (all services and the gateway), max", "", "",
                maxHeap.get() / (1024 * 1024) + " MB", "", "target <= 384 MB per service"});
        if (option("log-rebuild") > 0) {
            rebuild(option("log-rebuild"));
        }
        if (option("log-audit") > 0) {
            selfAudit(option("log-audit"));
        }
        report(settings);
    }

    /** One fact per POST, one after the other, against the driver's insertOne of as many documents. */
    private void singleFacts(MongoCollection<Document> raw) throws Exception {
        int n = option("single");
        for (int i = 0; i < 20; i++) { // warm-up of both paths
            post("/api/reporting/events", area("AFG", i));
            raw.insertOne(document(-1 - i));
        }
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            raw.insertOne(document(i));
        }
        double rawRate = n / seconds(started);
        long[] latencies = new long[n];
        started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long one = System.nanoTime();
            post("/api/reporting/events", area("AFG", i));
            latencies[i] = System.nanoTime() - one;
        }
        double rate = n / seconds(started);
        Arrays.sort(latencies);
        add(new String[] {"one fact per POST (" + n + " posts, one client)", rate(rawRate) + " insertOne/s",
                rate(rate) + " facts/s", ratio(rate, rawRate), "p50 " + millis(latencies, 50) + " ms, p99 "
                + millis(latencies, 99) + " ms", "ratio >= 25%"});
    }

    /** One POST of many facts over as many streams (new hazardous areas), against insertMany. */
    private void batchOfFacts(MongoCollection<Document> raw) throws Exception {
        int n = option("batch");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            documents.add(document(i));
        }
        long started = System.nanoTime();
        raw.insertMany(documents);
        double rawRate = n / seconds(started);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            body.append(i > 0 ? "," : "").append(area("KHM", i));
        }
        started = System.nanoTime();
        post("/api/reporting/events", body.append(']').toString());
        double elapsed = seconds(started);
        add(new String[] {"one POST of " + n + " facts over " + n + " streams", rate(rawRate) + " insertMany/s",
                rate(n / elapsed) + " facts/s", ratio(n / elapsed, rawRate), String.format("%.1f s for the post",
                elapsed), "ratio >= 50%"});
    }

    /**
     * New hazardous areas (short streams, as land release is) about one State posted to reporting at a steady rate,
     * in posts of a tenth of a second's worth, and the time from each fact's recording to its handling by the
     * indicators service's inbox across Kafka, read from the two services' own records (reporting's event store,
     * the inbox's receipt times); and to its arrival at a webhook subscriber of that State.
     */
    private void acrossKafka(LocalSystem system) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookReceiver.Subscription subscription = receiver.subscribe(gateway, KEY, "reporting",
                    List.of(ACROSS));
            Posted posted = postAtSteadyRate(system);
            toWebhook(receiver, subscription, posted);
        }
    }

    /** How many facts were posted at the steady rate, and the ids of their events as stored. */
    private record Posted(long facts, Set<String> stored) {
    }

    /** The posts of {@link #acrossKafka}, and its row across Kafka. */
    private Posted postAtSteadyRate(LocalSystem system) throws Exception {
        int rate = option("rate");
        int seconds = option("seconds");
        int perPost = Math.max(1, rate / 10);
        long started = System.nanoTime();
        long posted = 0;
        long late = 0;
        for (int tick = 0; tick < seconds * 10; tick++) {
            long wait = started + tick * 100_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } else {
                late++;
            }
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < perPost; i++) {
                body.append(i > 0 ? "," : "").append(area(ACROSS, i));
                posted++;
            }
            post("/api/reporting/events", body.append(']').toString());
        }
        double offered = posted / seconds(started);
        String type = EventCatalog.typeOf(HazardousAreaRecorded.class);
        try (MongoClient mongo = MongoClients.create(system.mongoUri("reporting"))) {
            Map<String, Instant> recorded = new HashMap<>();
            mongo.getDatabase("reporting").getCollection(MongoEventStorageEngine.COMMITS).find().batchSize(200)
                    .forEach(commit -> EventCommit.events(commit).forEach(d -> {
                        if (HazardousAreaRecorded.class.getName().equals(d.getString("payloadType"))
                                && d.getString("aggregateIdentifier").startsWith(ACROSS + "/")) {
                            recorded.put(d.getString("eventIdentifier"), Instant.parse(d.getString("timestamp")));
                        }
                    }));
            Map<String, Instant> first = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                first.clear();
                for (Document d : mongo.getDatabase("indicators").getCollection("inbox").find(Filters.eq("type", type))
                        .projection(Projections.include("eventId", "receivedAt")).batchSize(2_000)) {
                    first.merge(d.getString("eventId"), d.getDate("receivedAt").toInstant(),
                            (x, y) -> x.isBefore(y) ? x : y);
                }
                if (first.keySet().containsAll(recorded.keySet())) {
                    break;
                }
                Thread.sleep(500);
            }
            long[] sorted = recorded.entrySet().stream().filter(e -> first.containsKey(e.getKey()))
                    .mapToLong(e -> Duration.between(e.getValue(), first.get(e.getKey())).toNanos()).sorted().toArray();
            add(new String[] {"a fact seen by another service across Kafka (" + posted + " facts, " + late
                    + " of " + seconds * 10 + " posts late)", rate + " facts/s asked", rate(offered)
                    + " facts/s offered", sorted.length + " of " + recorded.size() + " seen", sorted.length == 0 ? "-"
                    : "p50 " + millis(sorted, 50) + " ms, p99 " + millis(sorted, 99) + " ms",
                    "p99 < 250 ms at 1,000/s for 60 s"});
            return new Posted(posted, recorded.keySet());
        }
    }

    /**
     * The same facts as a webhook subscriber of their State gets them (subscribed before they were posted, all
     * types): from each fact's recorded time (the CloudEvent's {@code recordedtime}; its {@code time} is the legal
     * date) to the first arrival of its delivery at a receiver on loopback, every delivery's {@code v1} signature
     * checked. Waits up to 120 s after the Kafka row for the rest; then deletes the subscription, so that what is
     * still queued for it does not weigh on the measurements after.
     */
    private void toWebhook(WebhookReceiver receiver, WebhookReceiver.Subscription subscription, Posted posted)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!receiver.deliveries("reporting").first().keySet().containsAll(posted.stored())
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        receiver.unsubscribe(gateway, KEY, subscription);
        WebhookReceiver.Deliveries deliveries = receiver.deliveries("reporting");
        long[] sorted = deliveries.first().entrySet().stream().filter(e -> posted.stored().contains(e.getKey()))
                .mapToLong(e -> Duration.between(e.getValue().recordedTime(), e.getValue().arrivedAt()).toNanos())
                .sorted().toArray();
        String checks = deliveries.repeats() + " repeated, " + deliveries.outOfOrder() + " out of order, "
                + deliveries.badSignatures() + " badly signed";
        if (deliveries.badSignatures() > 0 || deliveries.outOfOrder() > 0) {
            checks = "**" + checks.toUpperCase() + "** (e.g. " + (deliveries.badSignatures() > 0
                    ? deliveries.firstBadSignature() : deliveries.firstOutOfOrder()) + ")";
            System.err.println("[bench] WEBHOOK DELIVERIES FAILED THEIR CHECKS: " + checks);
        }
        add(new String[] {"the same facts delivered to a webhook subscriber of their State on loopback, from their "
                + "recorded time to the first arrival (" + posted.facts() + " facts posted, " + posted.stored().size()
                + " stored)", "", sorted.length + " of " + posted.facts() + " delivered; " + checks, "",
                sorted.length == 0 ? "-" : "p50 " + millis(sorted, 50) + " ms, p99 " + millis(sorted, 99)
                + " ms, p99.9 " + millis(sorted, 99.9) + " ms", "every fact delivered, signed, in order"});
    }

    /**
     * What reporting's transparency log costs (decision 0026). Facts posted in posts of 100 with the log running,
     * counted until a signed checkpoint covers the last of them, against as many posted with its processor stopped
     * (what the store alone takes), in one run, the Kafka publisher (which waits for the log) stopped in both; and
     * with the publisher running, against the same; then the log's catching up on what it did not log. From each
     * fact's commit to the first checkpoint covering it, read from the store and the log afterwards. A proof's size;
     * a self-audit pass; and a log hashed from nothing in a fresh database, at three sizes, to show it grows
     * linearly.
     */
    private void transparencyLog(LocalSystem system) throws Exception {
        int n = option("log");
        ConfigurableApplicationContext reporting = system.context("reporting");
        StreamingEventProcessor appender = reporting.getBean(EventProcessingConfiguration.class)
                .eventProcessor(LogAppender.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        TransparencyLog log = reporting.getBean(TransparencyLog.class);
        long first = awaitCheckpointOf(log, storedEvents(system), Duration.ofMinutes(5));

        long started = System.nanoTime();
        postAreas("PER", n);
        long logged = awaitCheckpointOf(log, storedEvents(system), Duration.ofMinutes(5));
        double on = n / seconds(started);

        // The Kafka publisher sends an event only once the log holds it: stopped in the next two phases, so that
        // they differ by the log alone, not by the publisher's work (which a system without a log does too).
        StreamingEventProcessor publisher = reporting.getBean(EventProcessingConfiguration.class)
                .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        double logAlone;
        double off;
        long stored;
        publisher.shutDown();
        try {
            started = System.nanoTime();
            postAreas("PER", n);
            logged = awaitCheckpointOf(log, storedEvents(system), Duration.ofMinutes(5));
            logAlone = n / seconds(started);
            appender.shutDown();
            try {
                started = System.nanoTime();
                postAreas("PER", n);
                off = n / seconds(started);
            } finally {
                started = System.nanoTime();
                appender.start();
            }
            stored = storedEvents(system);
            awaitCheckpointOf(log, stored, Duration.ofMinutes(5));
        } finally {
            publisher.start();
        }
        double catchingUp = (stored - logged) / seconds(started);
        add(new String[] {"facts stored and covered by a signed checkpoint, the transparency log on (" + n
                + " facts in posts of 100, the Kafka publisher stopped in both)", rate(off)
                + " facts/s stored with the log stopped", rate(logAlone) + " facts/s", ratio(logAlone, off),
                "the log then caught up " + rate(catchingUp) + " events/s", "ratio >= 90%"});
        add(new String[] {"the same, the Kafka publisher running beside the log (it waits for each event's log index)",
                rate(off) + " facts/s stored with the log and the publisher stopped", rate(on) + " facts/s",
                ratio(on, off), "", ""});

        long[] latencies = commitToCheckpoint(system, log, first, logged);
        add(new String[] {"from a fact's commit to the first signed checkpoint covering it (" + latencies.length
                + " facts, log on)", "", "", "", "p50 " + millis(latencies, 50) + " ms, p99 " + millis(latencies, 99)
                + " ms", "p99 < 1 s"});

        // The rate below is measured on a quiet system: not while the processors that waited on the stopped log
        // (the Kafka publisher, and through Kafka the other services) work off what it held back.
        long before = awaitCheckpointOf(log, storedEvents(system), Duration.ofMinutes(5));
        awaitCaughtUp(system, Duration.ofMinutes(10));
        int rate = option("log-rate");
        int seconds = option("log-seconds");
        if (rate > 0 && seconds > 0) {
            postAtRate(rate, seconds);
            long after = awaitCheckpointOf(log, storedEvents(system), Duration.ofMinutes(5));
            long[] steady = commitToCheckpoint(system, log, before, after);
            add(new String[] {"from a fact's commit to the first signed checkpoint covering it, " + rate
                    + " facts/s offered in posts of 10 for " + seconds + " s (" + steady.length + " facts)", "", "",
                    "", "p50 " + millis(steady, 50) + " ms, p99 " + millis(steady, 99) + " ms", "p99 < 1 s"});
        }

        String eventId = log.entries(first, first + 1).get(0).eventId();
        HttpResponse<String> proof = http.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/api/reporting/log/proofs/" + eventId)).header("X-API-Key", AUDITOR)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (proof.statusCode() != 200) {
            throw new IllegalStateException("the proof of " + eventId + " answered " + proof.statusCode() + ": "
                    + proof.body());
        }
        long size = log.latest().orElseThrow().size();
        add(new String[] {"a fact's proof bundle (C2SP tlog-proof: leaf, path, signed checkpoint)", "", proof.body()
                .getBytes(StandardCharsets.UTF_8).length + " bytes at " + size + " entries", "", "path "
                + pathLength(size) + " hashes here; " + pathLength(1_000_000) + " hashes (" + 32 * pathLength(
                1_000_000) + " bytes) at 1,000,000", ""});

        started = System.nanoTime();
        int findings = reporting.getBean(LogAudit.class).pass().size();
        double audit = seconds(started);
        add(new String[] {"self-audit of reporting's log: every leaf made again from the store, tiles and roots "
                + "checked (" + size + " entries)", "", String.format("%.1f s, %s entries/s", audit, rate(size
                / audit)), "", findings + " findings", ""});

    }

    /**
     * Posts of 10 facts, {@code rate / 10} of them a second for {@code seconds}, each sent at its time whether the
     * earlier ones were answered or not (an open loop: a slow answer does not lower the load offered).
     */
    private void postAtRate(int rate, int seconds) throws InterruptedException {
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(8);
        List<ScheduledFuture<?>> sent = new ArrayList<>();
        long every = TimeUnit.SECONDS.toNanos(10) / rate;
        for (long at = 0; at < TimeUnit.SECONDS.toNanos(seconds); at += every) {
            sent.add(senders.schedule(() -> {
                postAreas("ECU", 10);
                return null;
            }, at, TimeUnit.NANOSECONDS));
        }
        try {
            for (ScheduledFuture<?> post : sent) {
                post.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a post at the offered rate failed", e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    private void postAreas(String iso3, int n) throws IOException, InterruptedException {
        for (int from = 0; from < n; from += 100) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(n, from + 100); i++) {
                body.append(i > from ? "," : "").append(area(iso3, i));
            }
            post("/api/reporting/events", body.append(']').toString());
        }
    }

    private static long storedEvents(LocalSystem system) {
        try (MongoClient mongo = MongoClients.create(system.mongoUri("reporting"))) {
            long events = 0;
            for (Document commit : mongo.getDatabase("reporting").getCollection(MongoEventStorageEngine.COMMITS)
                    .find().projection(Projections.include("events.position")).batchSize(100)) {
                List<Document> stored = EventCommit.events(commit);
                events += stored == null ? 0 : stored.size();
            }
            return events;
        }
    }

    /**
     * Waits until every streaming processor of every service has read its store up to its last stored event (not
     * the counter's head: positions reserved by a write that never landed stay above every token).
     */
    private static void awaitCaughtUp(LocalSystem system, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> behind = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            behind.clear();
            for (String service : LocalSystem.SERVICES) {
                long last = lastStoredPosition(system, service);
                if (last < 0) {
                    // Nothing stored: its processors are caught up, though a first token reads as a replay.
                    continue;
                }
                for (var processor : system.context(service).getBean(EventProcessingConfiguration.class)
                        .eventProcessors().entrySet()) {
                    if (processor.getValue() instanceof StreamingEventProcessor streaming) {
                        streaming.processingStatus().forEach((segment, s) -> {
                            if (s.isReplaying() || s.getCurrentPosition().orElse(-1) < last) {
                                behind.add(service + "/" + processor.getKey() + "/" + segment + " at "
                                        + s.getCurrentPosition().orElse(-1) + (s.isReplaying() ? " replaying" : "")
                                        + " of " + last);
                            }
                        });
                    }
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        System.err.println("[bench] the services' processors did not catch up within " + patience
                + "; measuring on all the same. Behind: " + behind);
    }

    private static long lastStoredPosition(LocalSystem system, String service) {
        try (MongoClient mongo = MongoClients.create(system.mongoUri(service))) {
            for (Document commit : mongo.getDatabase(service).getCollection(MongoEventStorageEngine.COMMITS).find()
                    .sort(Sorts.descending("_id")).limit(100)) {
                List<Document> events = EventCommit.events(commit);
                if (events != null && !events.isEmpty()) {
                    return EventCommit.position(events.get(events.size() - 1));
                }
            }
            return -1;
        }
    }

    /** Waits until a signed checkpoint covers {@code size} entries; returns the size it covers. */
    private static long awaitCheckpointOf(TransparencyLog log, long size, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            long signed = log.latest().map(TransparencyLog.SignedCheckpoint::size).orElse(0L);
            if (signed >= size) {
                return signed;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no checkpoint covered " + size + " entries within " + patience);
    }

    /**
     * For the entries {@code from} (inclusive) to {@code to}: the time from their commit (its {@code storedAt}) to
     * the signing of the first checkpoint whose size covers them.
     */
    private static long[] commitToCheckpoint(LocalSystem system, TransparencyLog log, long from, long to) {
        // Signing times by size: the first covering an entry is the first of a size above its index.
        TreeMap<Long, Date> signed = new TreeMap<>();
        for (long sequence = 0; ; sequence += 1_000) {
            List<TransparencyLog.SignedCheckpoint> page = log.checkpoints(sequence, 1_000);
            page.forEach(c -> signed.putIfAbsent(c.size(), c.signedAt()));
            if (page.size() < 1_000) {
                break;
            }
        }
        Map<Long, Date> committed = new HashMap<>();
        try (MongoClient mongo = MongoClients.create(system.mongoUri("reporting"))) {
            for (Document commit : mongo.getDatabase("reporting").getCollection(MongoEventStorageEngine.COMMITS)
                    .find().projection(Projections.include("events.position", EventCommit.STORED_AT))
                    .batchSize(100)) {
                List<Document> stored = EventCommit.events(commit);
                if (stored != null) {
                    stored.forEach(e -> committed.put(EventCommit.position(e), commit.getDate(EventCommit.STORED_AT)));
                }
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (long start = from; start < to; start += 1_000) {
            for (TransparencyLog.Entry entry : log.entries(start, Math.min(to, start + 1_000))) {
                Date covered = signed.higherEntry(entry.index()).getValue();
                latencies.add(TimeUnit.MILLISECONDS.toNanos(covered.getTime()
                        - committed.get(entry.position()).getTime()));
            }
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** An inclusion proof's length in a tree of {@code size} leaves, at most: the tree's height. */
    private static int pathLength(long size) {
        return size <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(size - 1);
    }

    /**
     * A log hashed from nothing, in a fresh in-memory MongoDB: leaves the size of a land-release fact's, appended
     * in batches of 1,000 as the appender does, then a checkpoint signed; timed at a quarter, half and all of
     * {@code leaves}.
     */
    private void rebuild(int leaves) {
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient mongo = MongoClients.create("mongodb://" + server.bind().getHostString() + ":"
                + server.getLocalAddress().getPort())) {
            NoteKeys.Signer key = NoteKeys.signer(NoteKeys.generate("treaty-registry.bench/rebuild"));
            TransparencyLog log = new TransparencyLog(mongo.getDatabase("rebuild"), key.name(), key,
                    java.time.Clock.systemUTC());
            String leaf = area("KHM", 0);
            List<String> marks = new ArrayList<>();
            long started = System.nanoTime();
            for (int from = 0; from < leaves; from += 1_000) {
                List<TransparencyLog.Leaf> batch = new ArrayList<>();
                for (int i = from; i < Math.min(leaves, from + 1_000); i++) {
                    batch.add(new TransparencyLog.Leaf("rebuild-" + i, i, null, leaf.replace("bench-", "b" + i)));
                }
                long before = from;
                long size = log.append(batch);
                for (long mark : new long[] {leaves / 4, leaves / 2, leaves}) {
                    if (before < mark && size >= mark) {
                        log.checkpoint();
                        marks.add(String.format("%,d in %.1f s", size, seconds(started)));
                    }
                }
            }
            add(new String[] {"a log hashed from nothing: entries, tiles, a signed checkpoint (in-memory MongoDB, "
                    + "batches of 1,000)", "", String.join("; ", marks), "", "", "linear"});
        } finally {
            server.shutdownNow();
        }
    }

    /** The last event of reporting's store, as stored. */
    private static Document storedEvent(LocalSystem system) {
        try (MongoClient mongo = MongoClients.create(system.mongoUri("reporting"))) {
            Document commit = mongo.getDatabase("reporting").getCollection(MongoEventStorageEngine.COMMITS).find()
                    .sort(Sorts.descending("_id")).first();
            List<Document> events = EventCommit.events(commit);
            Document event = new Document(events.get(events.size() - 1));
            // Posted without a client id: the copies share every other field, and a client id is unique.
            event.remove(MongoEventStorageEngine.CLIENT_KEY);
            event.remove(MongoEventStorageEngine.FINGERPRINT);
            return event;
        }
    }

    /**
     * The self-audit over a store of {@code events} land-release facts in commits of 100, as posts of 100 store
     * them, each event with its own id and stream, and their log, in a fresh on-disk MongoDB (the local run's H2
     * backend: a million events do not fit in the heap): one pass, timed, which must find nothing.
     */
    private void selfAudit(int events) throws IOException {
        Path file = Files.createTempDirectory("treaty-audit").resolve("mongo.mv");
        MongoServer server = new MongoServer(CrashSafeH2Backend.open(file.toString()));
        try (MongoClient mongo = MongoClients.create("mongodb://" + server.bind().getHostString() + ":"
                + server.getLocalAddress().getPort())) {
            MongoDatabase database = mongo.getDatabase("audit");
            MongoCollection<Document> commits = database.getCollection(MongoEventStorageEngine.COMMITS);
            commits.createIndex(Indexes.ascending(EventCommit.POSITIONS), new IndexOptions().unique(true));
            NoteKeys.Signer key = NoteKeys.signer(NoteKeys.generate("treaty-registry.bench/audit"));
            TransparencyLog log = new TransparencyLog(database, key.name(), key, java.time.Clock.systemUTC());
            String source = EventLeaf.sourceOf("reporting-service");
            long started = System.nanoTime();
            for (int from = 0; from < events; from += 1_000) {
                List<Document> batch = new ArrayList<>();
                List<TransparencyLog.Leaf> leaves = new ArrayList<>();
                for (int commit = from; commit < Math.min(events, from + 1_000); commit += 100) {
                    List<Document> stored = new ArrayList<>();
                    for (int i = commit; i < Math.min(events, commit + 100); i++) {
                        String stream = "audit-" + i;
                        stored.add(new Document(template).append("eventIdentifier", UUID.randomUUID().toString())
                                .append("aggregateIdentifier", stream).append("aggregateKey", stream + "#0")
                                .append("sequenceNumber", 0L));
                    }
                    Document document = EventCommit.of(commit, stored, new Date(), source);
                    batch.add(document);
                    for (Document event : EventCommit.events(document)) {
                        leaves.add(new TransparencyLog.Leaf(event.getString("eventIdentifier"),
                                EventCommit.position(event), null, event.getString(EventLeaf.LEAF)));
                    }
                }
                commits.insertMany(batch);
                log.append(leaves);
            }
            log.checkpoint();
            double stored = seconds(started);
            started = System.nanoTime();
            LogAudit audit = new LogAudit(log, new RecordedLeaves(database, source), database,
                    java.time.Clock.systemUTC(), new SimpleMeterRegistry());
            int findings = audit.pass().size();
            double passed = seconds(started);
            add(new String[] {"self-audit of a log of " + String.format("%,d", events) + " events: every leaf made "
                    + "again from the store, tiles and roots checked (on-disk H2 MongoDB, as ./run)", "", String.format(
                    "%.1f s, %s entries/s", passed, rate(events / passed)), "", findings + " findings (store and "
                    + "log written in " + String.format("%.1f s", stored) + ")", "linear"});
        } finally {
            server.shutdownNow();
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    private static String area(String iso3, long i) {
        return """
                {"clientId": "%s", "type": "HazardousAreaRecorded", "iso3": "%s", "areaId": "bench-%s",
                 "identifiedOn": "2020-01-15", "status": "CONFIRMED", "sizeM2": 10000, "contamination": "AP_MINES",
                 "sourceReference": "synthetic: benchmark"}""".formatted(UUID.randomUUID(), iso3, UUID.randomUUID());
    }

    /** A document of the size and shape of a stored event. */
    private static Document document(long i) {
        return new Document("_id", i).append("aggregateKey", "KHM/area/" + UUID.randomUUID() + "#0")
                .append("eventIdentifier", UUID.randomUUID().toString()).append("timestamp", Instant.now().toString())
                .append("payloadType", "org.treatyregistry.contract.landrelease.HazardousAreaRecorded")
                .append("payload", area("KHM", (int) i)).append("metaData", "{\"clientId\":\"" + UUID.randomUUID()
                        + "\",\"principal\":\"bench-integration\"}");
    }

    private void add(String[] row) {
        rows.add(row);
        System.out.println("[bench] " + String.join(" | ", row));
    }

    private void report(LocalSystem.Settings settings) throws IOException {
        String backend = settings.externalMongoUri() != null ? "MongoDB at " + settings.externalMongoUri()
                + ", Kafka at " + settings.externalKafka()
                : "mongo-java-server 1.47.0 (H2 backend, as ./run), in-process Kafka broker (KRaft)";
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")";
        StringBuilder table = new StringBuilder("| what | raw driver | system | ratio | latency | target |\n"
                + "|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        String text = "# Benchmarks\n\nWritten by `./bench` on " + LocalDate.now() + ". Machine: " + machine
                + ". Backend: " + backend + ". Everything through the gateway on loopback; the raw figures are"
                + " the driver's, on the same server, in the same run.\n\n" + table;
        System.out.println("\n" + table);
        Path out = Path.of(options.get("out"));
        Files.writeString(out, text);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String rate(double perSecond) {
        return String.format("%,.0f", perSecond);
    }

    private static String ratio(double system, double raw) {
        return String.format("%.0f%%", 100 * system / raw);
    }

    private static String millis(long[] sortedNanos, double percentile) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return String.format("%.1f", sortedNanos[Math.max(0, index)] / 1e6);
    }
}
