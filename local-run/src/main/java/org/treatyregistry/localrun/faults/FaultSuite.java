package org.treatyregistry.localrun.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.treatyregistry.localrun.processes.MongoMain;
import org.treatyregistry.localrun.processes.Supervisor;
import org.treatyregistry.localrun.processes.Topology;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;

/**
 * {@code ./faults}: the process-per-service system (two instances of each backend service) under sustained mixed
 * load, through the faults operators meet: each backend instance killed with kill -9 three times at random
 * moments; the Kafka broker stopped for 30 s; MongoDB unreachable (frozen) for 10 s; one instance paused for 20 s
 * so its segments and partitions move and come back. After each fault the {@link Audit} checks that every
 * acknowledged fact is in its store, on Kafka and in every projection exactly once, that nothing is dead-lettered,
 * and that lag is back to zero within 30 s; and the {@link WebhookAudit} that every event stored since the suite
 * subscribed was delivered to its webhook receiver, signed, each State's in store order. Prints a table and writes
 * it to {@code docs/faults/}; exits 1 if anything was lost, doubled, dishonestly answered, undelivered or not
 * recovered in time. Traffic goes to loopback only, and every phase is bounded in time.
 */
public final class FaultSuite {

    /** The id of the record the suite itself puts on a topic, which no service stored. */
    static final String POISON_ID_PREFIX = "faults-poison-";

    private static final Duration START_PATIENCE = Duration.ofMinutes(8);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    private static final Duration RECOVERY_WAIT = Duration.ofMinutes(3);
    private static final Duration REPLAY_WAIT = Duration.ofMinutes(10);
    /** Longer than the services' gap timeout (60 s): trackers give up the positions of writes held up meanwhile. */
    private static final Duration LONG_FREEZE = Duration.ofSeconds(75);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Services that follow the registry's topic, each with its own inbox. */
    private static final List<String> REGISTRY_FOLLOWERS = List.of("reporting", "indicators");
    /** The subject of the poison record: Antarctica, about which the load never posts. */
    private static final String POISONED = "ATA";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** How long a phase's audit waits for the webhook deliveries of what was stored. */
    private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(120);
    private static final String[] HEADER = {"fault", "facts acknowledged", "lost", "doubled", "max lag (events)",
            "recovery", "webhook deliveries", "problems"};

    private final Supervisor supervisor;
    private final Audit audit;
    private final WebhookAudit webhooks;
    private final Load load;
    private final String gateway;
    private final String operatorKey;
    private final int rate;
    private final Duration phase;
    private final List<String[]> rows = new ArrayList<>();
    /** What the fault's own checks found wrong during a phase (a refusal without reason, a poison not held). */
    private final List<String> faultProblems = new ArrayList<>();
    private boolean failed;

    private FaultSuite(Supervisor supervisor, Load load, WebhookAudit webhooks, String operatorKey, int rate,
                       Duration phase) {
        this.supervisor = supervisor;
        this.gateway = "http://" + Topology.LOOPBACK + ":" + supervisor.topology().gatewayPort();
        this.operatorKey = operatorKey;
        this.audit = new Audit(supervisor.topology());
        this.load = load;
        this.webhooks = webhooks;
        this.rate = rate;
        this.phase = phase;
    }

    /**
     * Options: {@code --rate=N} facts a second (200), {@code --seconds=N} per phase (60), {@code --out=FILE} (each
     * run its own, {@code docs/faults/<start, UTC>.md}, so that the tables of runs in a row are kept side by side),
     * {@code --faults=a,b} the phases to run, in order (all of {@link #FAULTS}), {@code --states=N} how many States
     * the load posts about (158: all States Parties bound before 2020; fewer make concurrent posts clash more),
     * {@code --keep} to leave the processes up for 20 minutes after a failure, to look into it.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>(Map.of("rate", "200", "seconds", "60", "states", "158",
                "out", "docs/faults/" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-')
                        + ".md",
                "faults", String.join(",", FAULTS)));
        for (String arg : args) {
            String[] option = arg.replaceFirst("^--", "").split("=", 2);
            options.put(option[0], option.length > 1 ? option[1] : "true");
        }
        Path data = Path.of("target", "faults").toAbsolutePath();
        deleteRecursively(data);
        SecureRandom random = new SecureRandom();
        String key = "faults-integration-" + HexFormat.of().formatHex(random.generateSeed(8));
        String operatorKey = "faults-operator-" + HexFormat.of().formatHex(random.generateSeed(8));
        String secret = HexFormat.of().formatHex(random.generateSeed(32));
        // MongoDB is frozen here, never restarted: its data can stay in memory, which keeps the suite's pace.
        Topology topology = Topology.of(data, MongoMain.IN_MEMORY, 0, 2, "faults:integration:" + key
                + ",faults-operator:operator:" + operatorKey, secret);
        int exit;
        try (Supervisor supervisor = new Supervisor(topology, Path.of("").toAbsolutePath(), data.resolve("logs"));
             Load load = new Load("http://" + Topology.LOOPBACK + ":" + topology.gatewayPort(), key,
                     Integer.parseInt(options.get("states")));
             WebhookAudit webhooks = new WebhookAudit(topology)) {
            // Ctrl-C (or a timeout's SIGTERM) must not leave the processes behind.
            Runtime.getRuntime().addShutdownHook(new Thread(supervisor::close, "faults-shutdown"));
            System.out.println("Starting " + topology.names().size() + " processes (logs in " + data.resolve("logs")
                    + ")...");
            supervisor.startAll(START_PATIENCE);
            System.out.println(Topology.summary(supervisor.pids(), topology));
            // Before any load: every fact the load stores is one the subscriptions select.
            webhooks.subscribe("http://" + Topology.LOOPBACK + ":" + topology.gatewayPort(), key, Topology.SERVICES);
            FaultSuite suite = new FaultSuite(supervisor, load, webhooks, operatorKey,
                    Integer.parseInt(options.get("rate")), Duration.ofSeconds(Long.parseLong(options.get("seconds"))));
            suite.run(List.of(options.get("faults").split(",")));
            suite.report(Path.of(options.get("out")));
            exit = suite.failed ? 1 : 0;
            if (suite.failed && options.containsKey("keep")) {
                // For a person to look into what failed: the processes stay up, at most 20 minutes.
                System.out.println("Failed: the processes stay up for 20 minutes (MongoDB at " + topology.mongoUri("")
                        + ", Kafka at " + topology.kafkaBootstrap() + "); Ctrl-C stops them.");
                pause(Duration.ofMinutes(20));
            }
        }
        System.exit(exit);
    }

    /**
     * The phases, by the names {@code --faults} takes: load alone first, as the control; the fresh replay of
     * every projection last, over all that the faults left.
     */
    static final List<String> FAULTS = List.of("none", "kill", "kafka", "mongo", "mongo-long", "pause", "poison",
            "replay-live", "replay");

    private void run(List<String> faults) throws Exception {
        for (String fault : faults) {
            switch (fault) {
                case "none" -> phase("no fault: the load alone", () -> { });
                case "kill" -> phase("kill -9 of each backend instance, three times, at random moments",
                        this::killEachInstanceThreeTimes);
                case "kafka" -> phase("Kafka broker stopped for 30 s, then started again", () -> {
                    supervisor.stop("kafka");
                    pause(Duration.ofSeconds(30));
                    supervisor.start("kafka");
                    supervisor.awaitReady("kafka", START_PATIENCE);
                });
                case "mongo" -> phase("MongoDB unreachable (frozen) for 10 s", () -> {
                    supervisor.pause("mongo");
                    pause(Duration.ofSeconds(10));
                    supervisor.resume("mongo");
                });
                case "pause" -> phase("reporting-1 paused (SIGSTOP) for 20 s, then resumed", () -> {
                    supervisor.pause("reporting-1");
                    pause(Duration.ofSeconds(20));
                    supervisor.resume("reporting-1");
                });
                case "mongo-long" -> phase("MongoDB frozen for " + LONG_FREEZE.toSeconds() + " s, longer than the gap "
                        + "timeout (60 s): writes held up in it land late", () -> {
                            supervisor.pause("mongo");
                            pause(LONG_FREEZE);
                            supervisor.resume("mongo");
                        });
                case "poison" -> phase("Kafka stopped for 20 s, then a record no consumer can read on the registry's "
                        + "topic: dead-lettered, named, discarded", this::poisonAfterAnOutage);
                case "replay-live" -> phase("a replay of every projection asked while both instances run",
                        this::replayWhileBothInstancesRun);
                case "replay" -> replayEveryProjection();
                default -> throw new IllegalArgumentException("unknown fault '" + fault + "'; known: " + FAULTS);
            }
        }
    }

    private void killEachInstanceThreeTimes() throws InterruptedException {
        for (int round = 1; round <= 3; round++) {
            List<Thread> services = new ArrayList<>();
            for (String service : Topology.SERVICES) {
                services.add(thread(() -> {
                    for (Topology.Spec instance : supervisor.topology().instancesOf(service)) {
                        pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1_000, 6_000)));
                        log("kill -9 " + instance.name() + " (pid " + supervisor.pid(instance.name()) + ")");
                        supervisor.kill(instance.name());
                        pause(Duration.ofSeconds(2));
                        supervisor.awaitReady(instance.name(), START_PATIENCE);
                        log(instance.name() + " is back (pid " + supervisor.pid(instance.name()) + ")");
                    }
                }));
            }
            for (Thread thread : services) {
                thread.join();
            }
        }
    }

    /**
     * Each projection of a service's own store rebuilt by the operator's replay through the gateway, and compared
     * with what it held before by checksum ({@link Audit#checksum}); the registry's facts as projected across
     * Kafka by reporting and the indicators compared with the registry's own, rebuilt, projection. Only one
     * instance of each service runs meanwhile: a replay claims every segment of its processor. As a control, one
     * fact is taken out of the registry's projection before its replay: the checksums must tell.
     */
    private void replayEveryProjection() throws Exception {
        log("phase: a fresh replay of every projection");
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        for (String service : Topology.SERVICES) {
            supervisor.topology().instancesOf(service).stream().skip(1).forEach(instance -> {
                supervisor.stop(instance.name());
                stopped.add(instance.name());
            });
        }
        // The gateway's health check drops a stopped instance within 2 s; a refused connection is retried anyway.
        pause(Duration.ofSeconds(5));
        for (String service : Topology.SERVICES) {
            for (Map.Entry<String, List<String>> processor : Audit.OWN_PROJECTIONS.get(service).entrySet()) {
                Map<String, String> before = checksums(service, processor.getValue());
                // The control: the registry's projection loses a fact before its replay, which must bring it back.
                String tampered = service.equals("registry") ? audit.dropOneFact(service, "registry_facts") : null;
                int status = operatorReplay(service, processor.getKey());
                String reader = service + "/" + processor.getKey();
                if (status != 202) {
                    problems.add("replay of " + reader + " answered " + status);
                    continue;
                }
                if (!awaitCaughtUp(reader, REPLAY_WAIT)) {
                    problems.add(reader + " not replayed within " + REPLAY_WAIT.toMinutes() + " min");
                    continue;
                }
                Map<String, String> after = checksums(service, processor.getValue());
                before.forEach((collection, checksum) -> {
                    if (!checksum.equals(after.get(collection))) {
                        problems.add(service + "." + collection + " differs from its fresh replay");
                    }
                });
                if (tampered != null && tampered.equals(after.get("registry_facts"))) {
                    problems.add("the checksum did not tell registry_facts without one fact from its replay");
                }
                log(reader + " replayed: " + (before.equals(after) ? "equal" : "DIFFERENT"));
            }
        }
        String registryFacts = audit.checksum("registry", "registry_facts");
        for (String[] copy : new String[][] {{"reporting", "registry_facts"}, {"indicators", "participants"}}) {
            if (!registryFacts.equals(audit.checksum(copy[0], copy[1]))) {
                problems.add(copy[0] + "." + copy[1] + " differs from the registry's own projection, replayed");
            }
        }
        for (String name : stopped) {
            supervisor.start(name);
        }
        for (String name : stopped) {
            supervisor.awaitReady(name, START_PATIENCE);
        }
        failed |= !problems.isEmpty();
        rows.add(new String[] {"a fresh replay of every projection, compared by checksum", "-",
                String.valueOf(problems.size()), "-", "-", (System.nanoTime() - started) / 1_000_000_000 + " s", "-",
                problems.isEmpty() ? "none" : problems.size() + ": " + String.join("; ", problems)});
        log(String.join(" | ", rows.get(rows.size() - 1)));
    }

    /**
     * An operator asks for a replay of each projection while both instances of its service run and the load goes
     * on: the instance asked either carries it out (202) or refuses it with a problem naming the instance that
     * holds the processor's claims (409), and the request is asked again (the gateway sends it to the other
     * instance). Whatever the answers, the phase's audit then demands every fact once in every projection, no dead
     * letter lost and every processor caught up: a replay that left a processor stopped fails it.
     */
    private void replayWhileBothInstancesRun() throws Exception {
        for (String service : Topology.SERVICES) {
            for (String processor : Audit.OWN_PROJECTIONS.get(service).keySet()) {
                String outcome = null;
                for (int attempt = 1; attempt <= 6 && outcome == null; attempt++) {
                    Answer answer = operator("POST", "/api/" + service + "/operations/replay?processor="
                            + processor);
                    if (answer.status() == 202) {
                        outcome = "replaying (attempt " + attempt + ")";
                    } else if (answer.status() == 409 && !answer.body().contains("claimedBy")) {
                        faultProblems.add(service + "/" + processor + ": a refusal that names no instance: "
                                + answer.body());
                        outcome = "refused without a reason";
                    } else if (answer.status() != 409) {
                        faultProblems.add(service + "/" + processor + ": replay answered " + answer.status());
                        outcome = "answered " + answer.status();
                    } else {
                        pause(Duration.ofSeconds(1));
                    }
                }
                log(service + "/" + processor + ": " + (outcome == null ? "refused 6 times, each naming the "
                        + "instance that holds its claims" : outcome));
            }
        }
    }

    /**
     * The broker is away for 20 s; once it is back, a record that no consumer can read (a known type whose data
     * does not fit it) arrives on the registry's topic, about a State the load never posts. Each service that
     * follows the topic must dead-letter it rather than retry it for ever or drop it, name it in its operator view,
     * and let the operator discard it; the load's own facts go on meanwhile (the audit checks them).
     */
    private void poisonAfterAnOutage() throws Exception {
        supervisor.stop("kafka");
        pause(Duration.ofSeconds(20));
        supervisor.start("kafka");
        supervisor.awaitReady("kafka", START_PATIENCE);
        String id = POISON_ID_PREFIX + UUID.randomUUID();
        String poison = """
                {"specversion": "1.0", "id": "%s", "source": "/treaty-registry/faults", "type":
                 "org.treatyregistry.InstrumentDeposited", "subject": "%s", "time": "2020-01-01T00:00:00Z",
                 "datacontenttype": "application/json", "recordedtime": "%s", "sequence": "0", "position": "0",
                 "data": {"iso3": "%s", "depositDate": {"not": "a date"}}}"""
                .formatted(id, POISONED, Instant.now(), POISONED);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, supervisor.topology().kafkaBootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(EventTopicsAutoConfiguration.topicOf("registry"), POISONED,
                    poison.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        log("poison record " + id + " sent to " + EventTopicsAutoConfiguration.topicOf("registry"));
        for (String service : REGISTRY_FOLLOWERS) {
            JsonNode letter = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (letter == null && System.nanoTime() < deadline) {
                letter = inboxLetter(operator("GET", "/api/" + service + "/operations/dead-letters?processor=inbox"),
                        id);
                if (letter == null) {
                    pause(Duration.ofSeconds(2));
                }
            }
            if (letter == null) {
                faultProblems.add(service + ": the poison record " + id + " was not dead-lettered within 90 s");
                continue;
            }
            String view = operator("GET", "/api/" + service + "/operations/health").body();
            if (!view.contains("\"attention\":true") || !view.contains("inbox")) {
                faultProblems.add(service + ": the operator view does not show the poison record held");
            }
            // As an operator would: "no instance ready, try again shortly" (a gateway's 503) is asked again.
            String discard = "/api/" + service + "/operations/dead-letters/discard?processor=inbox&sequence="
                    + encode(letter.get("sequence").asText()) + "&letter=" + encode(letter.get("letter").asText());
            Answer discarded = operator("POST", discard);
            long patience = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((discarded.status() == 503 || discarded.status() == 0) && System.nanoTime() < patience) {
                log(service + ": discarding the poison record answered " + discarded.status() + "; asked again");
                pause(Duration.ofSeconds(2));
                discarded = operator("POST", discard);
            }
            if (discarded.status() != 200) {
                faultProblems.add(service + ": discarding the poison record answered " + discarded.status()
                        + ": " + discarded.body());
            }
            log(service + ": poison record dead-lettered, shown, discarded (" + discarded.status() + ")");
        }
    }

    /** The inbox's dead letter holding the record {@code id}, with its sequence; null if none does. */
    private static JsonNode inboxLetter(Answer answer, String id) throws IOException {
        if (answer.status() != 200) {
            return null;
        }
        for (JsonNode sequence : JSON.readTree(answer.body()).path("sequences")) {
            for (JsonNode letter : sequence.path("letters")) {
                if (letter.toString().contains(id) || sequence.path("sequence").asText().endsWith("|" + POISONED)) {
                    return JSON.createObjectNode().put("sequence", sequence.path("sequence").asText())
                            .put("letter", letter.path("letter").asText());
                }
            }
        }
        return null;
    }

    /** An answer of the gateway to the operator: status 0 when none came. */
    private record Answer(int status, String body) {
    }

    private Answer operator(String method, String path) throws InterruptedException {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("X-API-Key", operatorKey).timeout(Duration.ofSeconds(60))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Map<String, String> checksums(String service, List<String> collections) {
        Map<String, String> checksums = new TreeMap<>();
        collections.forEach(collection -> checksums.put(collection, audit.checksum(service, collection)));
        return checksums;
    }

    private int operatorReplay(String service, String processor) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/" + service
                            + "/operations/replay?processor=" + processor)).header("X-API-Key", operatorKey)
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private boolean awaitCaughtUp(String reader, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> readers = audit.lagByReader();
            if (readers != null && readers.getOrDefault(reader, 0L) == 0) {
                return true;
            }
            pause(Duration.ofSeconds(2));
        }
        return false;
    }

    private interface Fault {
        void inject() throws Exception;
    }

    /**
     * Load for at least the phase's length with the fault injected 10 s in; then the load stops, its posts are
     * answered, and the audit waits for lag to reach zero and checks. Recovery is measured from the moment the last
     * post was answered: under load some events are always on their way, so lag is never zero before.
     */
    private void phase(String name, Fault fault) throws Exception {
        log("phase: " + name);
        long acknowledgedBefore = load.acknowledgedCount();
        AtomicLong maxLag = new AtomicLong();
        Thread sampler = thread(() -> {
            for (long sample = 1; !Thread.currentThread().isInterrupted(); sample++) {
                maxLag.accumulateAndGet(audit.lag(), Math::max);
                if (sample % 15 == 0) {
                    log("behind: " + behind());
                }
                if (!pause(Duration.ofSeconds(1))) {
                    return;
                }
            }
        });
        long started = System.nanoTime();
        load.start(rate);
        pause(Duration.ofSeconds(10));
        fault.inject();
        Instant faultOver = Instant.now();
        long left = phase.toNanos() - (System.nanoTime() - started);
        if (left > 0) {
            pause(Duration.ofNanos(left));
        }
        load.stop();
        Instant loadStopped = Instant.now();
        long lag = Audit.UNKNOWN;
        Instant caughtUp = null;
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            lag = audit.lag();
            if (lag == 0) {
                caughtUp = Instant.now();
                break;
            }
            pause(Duration.ofSeconds(1));
        }
        sampler.interrupt();
        Audit.Findings findings = audit.check(load);
        WebhookAudit.Findings delivered = webhooks.check(WEBHOOK_WAIT);
        List<String> problems = new ArrayList<>(findings.problems());
        problems.addAll(delivered.problems());
        problems.addAll(faultProblems);
        faultProblems.clear();
        Duration recovery = caughtUp == null ? null : Duration.between(loadStopped, caughtUp);
        if (recovery == null) {
            problems.add("lag still " + lag + " after " + RECOVERY_WAIT.toSeconds() + " s: " + behind());
        } else if (recovery.compareTo(RECOVERY_BOUND) > 0) {
            problems.add("lag back to zero only " + recovery.toSeconds() + " s after the load stopped");
        }
        if (load.abandoned() > 0) {
            problems.add(load.abandoned() + " posts never acknowledged in 3 minutes of re-posting");
        }
        if (load.missingRetryAfter() > 0) {
            problems.add(load.missingRetryAfter() + " answers 503 without Retry-After");
        }
        failed |= findings.lost() > 0 || findings.doubled() > 0 || !problems.isEmpty();
        rows.add(new String[] {name, String.valueOf(findings.acknowledged() - acknowledgedBefore),
                String.valueOf(findings.lost()), String.valueOf(findings.doubled()), String.valueOf(maxLag.get()),
                recovery == null ? "not within " + RECOVERY_WAIT.toSeconds() + " s"
                        : recovery.toMillis() / 1000.0 + " s (the fault ended " + Duration.between(faultOver,
                                loadStopped).toSeconds() + " s before the load stopped)", delivered.cell(),
                problems.isEmpty() ? "none" : problems.size() + ": " + String.join("; ", problems.stream()
                        .toList())});
        log(String.join(" | ", rows.get(rows.size() - 1)));
    }

    /** The readers still behind, worst first. */
    private String behind() {
        Map<String, Long> readers = audit.lagByReader();
        return readers == null ? "Kafka or MongoDB not answering" : readers.entrySet().stream()
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private void report(Path out) throws IOException {
        StringBuilder table = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n|"
                + " --- |".repeat(HEADER.length) + "\n");
        rows.forEach(row -> table.append("| ").append(String.join(" | ", row)).append(" |\n"));
        String answers = load.answers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> (e.getKey() == 0 ? "no answer" : String.valueOf(e.getKey())) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        String text = """
                # Fault suite

                `./faults` on %s: %d processes on loopback (MongoDB, Kafka, two instances of each backend service,
                the gateway), %d facts/s asked for, phases of %d s. Lost, doubled: over every fact acknowledged until
                then, in its store, on Kafka (by CloudEvents id, as a reader of committed records sees it) and in
                every projection; a State's events on Kafka out of their store's order are a problem too. Recovery:
                from the answer to the load's last post until every processor and consumer group has caught up with
                its store or topic (under load some events are always on their way); the suite fails a phase that
                takes over 30 s. Webhook deliveries: a receiver in the suite, subscribed to every event of each
                service before the load began; over every event stored since, those delivered with a valid v1
                signature (within 120 s of the audit) of those stored, deliveries repeating one, first arrivals
                after a later event of their State, and deliveries badly signed; any of these but repeats fails it.

                %s
                Answers to the load's posts (status: count; a 409 or 5xx, or no answer, is posted again with the same
                client ids until acknowledged): %s. Posts still queued, never sent, when a phase's load stopped (the
                system behind the rate asked for): %d. Events sent to Kafka more than once (consumers drop them by
                id): counted in the audit, not as doubled.
                """.formatted(Instant.now(), supervisor.topology().names().size(), rate, phase.toSeconds(), table,
                answers, load.unsent());
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, text);
        System.out.println(text);
    }

    private static Thread thread(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Sleeps; false if interrupted. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + "  " + message);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
