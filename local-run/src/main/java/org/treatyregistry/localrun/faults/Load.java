package org.treatyregistry.localrun.faults;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained mixed load through the gateway, as integrations post: every tenth of a second a post to each service
 * (new hazardous areas to reporting, newly found mined areas to the registry, contributions to the indicators),
 * each fact with its client id. The registry's and reporting's facts are projected by the other services across
 * Kafka. Every answer is kept: 201 acknowledges the post's facts; 409 and 5xx, a timeout or a refused connection
 * send the same post again (same client ids, so a fact is recorded once whatever happened to the first try) until
 * it is acknowledged; another 4xx refuses it, and then none of its facts may be recorded.
 */
final class Load implements AutoCloseable {

    /**
     * The States the load posts about: every State Party bound before 2020 and not withdrawing (158 of them), as
     * integrations post about all of them. A find of mined areas is accepted for any of them, with mined areas on
     * record or not (Action 21), and so is an area identified in 2020.
     */
    private static final List<String> STATES = statesParties();
    private static final Duration GIVE_UP = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<String> states;
    private final String gateway;
    private final String key;
    private ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final ThreadPoolExecutor posts = new ThreadPoolExecutor(24, 24, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>());
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> refused = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicInteger missingRetryAfter = new AtomicInteger();
    private final AtomicLong unsent = new AtomicLong();

    /** {@code states}: how many of {@link #STATES} the load posts about; fewer make concurrent posts clash more. */
    Load(String gateway, String integrationKey, int states) {
        this.states = STATES.subList(0, Math.min(states, STATES.size()));
        this.gateway = gateway;
        this.key = integrationKey;
    }

    /** Posts {@code factsPerSecond} facts a second, 60% to reporting and 20% to each of the others. */
    void start(int factsPerSecond) {
        int perTick = Math.max(5, factsPerSecond / 10);
        int registry = perTick / 5;
        int indicators = perTick / 5;
        int reporting = perTick - registry - indicators;
        // A new scheduler each phase: the last one was shut down when its phase's load stopped.
        ticks = Executors.newSingleThreadScheduledExecutor();
        ticks.scheduleAtFixedRate(() -> {
            submit("reporting", reporting, Load::hazardousArea);
            submit("registry", registry, Load::minedAreaFound);
            submit("indicators", indicators, Load::contribution);
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Stops posting new facts and waits for the posts under way (and their re-posts) to end. */
    /**
     * Posts queued but not sent yet (the system fell behind the rate) are dropped: never sent, never acknowledged.
     * The audit must not start while a post is under way, or a fact acknowledged meanwhile would be looked for in
     * a store read before it: so this throws if one is still under way when re-posting would have given up.
     */
    void stop() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
        List<Runnable> queued = new ArrayList<>();
        posts.getQueue().drainTo(queued);
        pending.addAndGet(-queued.size());
        unsent.addAndGet(queued.size());
        long deadline = System.nanoTime() + GIVE_UP.toNanos() + TimeUnit.SECONDS.toNanos(30);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (pending.get() > 0) {
            throw new IllegalStateException(pending.get() + " posts still under way after " + GIVE_UP.toSeconds()
                    + " s of re-posting; the audit cannot start");
        }
    }

    /** Posts the rate asked for that were still queued, unsent, when the load stopped. */
    long unsent() {
        return unsent.get();
    }

    private interface Fact {
        String json(String clientId, String iso3);
    }

    private void submit(String service, int facts, Fact fact) {
        String iso3 = states.get(ThreadLocalRandom.current().nextInt(states.size()));
        List<String> clientIds = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < facts; i++) {
            String clientId = UUID.randomUUID().toString();
            clientIds.add(clientId);
            body.append(i > 0 ? "," : "").append(fact.json(clientId, iso3));
        }
        String json = body.append(']').toString();
        pending.incrementAndGet();
        posts.submit(() -> post(service, json, clientIds));
    }

    private void post(String service, String json, List<String> clientIds) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> response = send(service, json);
                int status = response == null ? 0 : response.statusCode();
                answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status == 201) {
                    acknowledged.computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet()).addAll(clientIds);
                    keepOutcomes(response.body());
                    return;
                }
                if (status >= 400 && status < 500 && status != 409) {
                    refused.computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet()).addAll(clientIds);
                    return;
                }
                Thread.sleep(500);
            }
            abandoned.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.decrementAndGet();
        }
    }

    /** Each item's outcome as the answer gave it ({@code RECORDED} or {@code ALREADY_RECORDED}), by client id. */
    private void keepOutcomes(String body) {
        try {
            JSON.readTree(body).findParents("clientId").forEach(item -> outcomes.put(item.path("clientId").asText(),
                    item.path("status").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("a 201 answer that is not JSON: " + body, e);
        }
    }

    /** What the answer that acknowledged it said of a client id's fact; null if none did. */
    String outcomeOf(String clientId) {
        return outcomes.get(clientId);
    }

    /** The answer; null when there was none (no connection, a timeout). */
    private HttpResponse<String> send(String service, String json) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/" + service
                            + "/events")).header("X-API-Key", key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                missingRetryAfter.incrementAndGet();
            }
            return response;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> statesParties() {
        Set<String> withdrawing = new HashSet<>();
        rows("withdrawals.csv").forEach(row -> withdrawing.add(row.get("iso3")));
        return rows("participation.csv").stream()
                .filter(row -> !row.get("instrument_date").isBlank()
                        // in force (Art. 17: six months after the deposit) before 2020
                        && deposited(row.get("instrument_date")).plusMonths(6).isBefore(LocalDate.of(2020, 1, 1))
                        && !withdrawing.contains(row.get("iso3")))
                .map(row -> row.get("iso3")).toList();
    }

    /** A deposit's date; one known only to the month (Poland's) is taken as the month's last day. */
    private static LocalDate deposited(String date) {
        return date.length() == 7 ? YearMonth.parse(date).atEndOfMonth() : LocalDate.parse(date);
    }

    /** One of the registry's reference-data files, which this module has on its classpath. */
    private static List<Map<String, String>> rows(String file) {
        try (InputStream in = Load.class.getResourceAsStream("/reference-data/" + file)) {
            MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(in);
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry's " + file, e);
        }
    }

    private static String hazardousArea(String clientId, String iso3) {
        return """
                {"clientId": "%s", "type": "HazardousAreaRecorded", "iso3": "%s", "areaId": "faults-%s",
                 "identifiedOn": "2020-01-15", "status": "CONFIRMED", "sizeM2": 10000, "contamination": "AP_MINES",
                 "sourceReference": "synthetic: fault suite"}""".formatted(clientId, iso3, UUID.randomUUID());
    }

    private static String minedAreaFound(String clientId, String iso3) {
        return """
                {"clientId": "%s", "type": "PreviouslyUnknownMinedAreaFound", "iso3": "%s", "foundOn": "%s",
                 "sourceReference": "synthetic: fault suite"}""".formatted(clientId, iso3,
                LocalDate.of(2026, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(300)));
    }

    private static String contribution(String clientId, String iso3) {
        return """
                {"clientId": "%s", "type": "VoluntaryContributionMade", "iso3": "%s", "madeOn": "2025-06-01",
                 "amount": %d, "currency": "CHF", "sourceReference": "synthetic: fault suite"}"""
                .formatted(clientId, iso3, 1 + ThreadLocalRandom.current().nextInt(100_000));
    }

    Map<String, Set<String>> acknowledged() {
        return acknowledged;
    }

    Map<String, Set<String>> refused() {
        return refused;
    }

    long acknowledgedCount() {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }

    Map<Integer, AtomicLong> answers() {
        return answers;
    }

    int abandoned() {
        return abandoned.get();
    }

    int missingRetryAfter() {
        return missingRetryAfter.get();
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        posts.shutdownNow();
    }
}
