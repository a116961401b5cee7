package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.transparency.TransparencyLog;

/**
 * Proof (1) of the Foundation issue: 8 concurrent writers append 4,000 events over 50 States while some
 * commits are held back between reserving their positions and landing, for longer than a timestamp token's
 * look-back window (1 s). The Kafka topic and a downstream projection must still hold every event exactly
 * once, each State's in order, and the transparency log too. A timestamp-tracked store skips the late commits; this
 * one must not.
 */
@SpringBootTest(classes = {ProofApplication.class, NoEventSkippedTest.DelayedCommits.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class NoEventSkippedTest {

    private static final String SERVICE = "proof-noskip";
    private static final int WRITERS = 8;
    private static final int STATES = 50;
    private static final int EVENTS = 4_000;
    private static final long DELAY_MILLIS = 2_000;
    private static final AtomicInteger commits = new AtomicInteger();
    private static final AtomicInteger delayed = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.kafka.consume", () -> SERVICE);
    }

    /** Every 40th commit waits 2 s after reserving its positions: later commits land first. */
    @TestConfiguration
    static class DelayedCommits {
        @Bean
        EventStorageEngine eventStorageEngine(MongoDatabase serviceDatabase,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              Serializer serializer) {
            return new MongoEventStorageEngine(MongoEventStorageEngine.builder().database(serviceDatabase)
                    .eventSerializer(eventSerializer).snapshotSerializer(serializer).validated()) {
                @Override
                protected void insert(Document commit, Duration timeLeft) {
                    if (commits.incrementAndGet() % 40 == 0) {
                        delayed.incrementAndGet();
                        sleep(DELAY_MILLIS);
                    }
                    super.insert(commit, timeLeft);
                }
            };
        }
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    ProofApplication application;
    @Autowired
    TransparencyLog log;

    @Test
    void everyEventReachesKafkaAndTheProjectionExactlyOnceInPerStateOrder() throws Exception {
        List<String> states = ProofEvents.states(STATES);
        int perState = EVENTS / STATES;
        long started = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            done.add(writers.submit(() -> write(states, writer, perState)));
        }
        for (Future<?> future : done) {
            future.get();
        }
        writers.shutdown();
        System.out.printf("proof: %d events written by %d writers in %d ms, %d commits held back%n", EVENTS,
                WRITERS, (System.nanoTime() - started) / 1_000_000, delayed.get());
        assertThat(delayed.get()).as("commits held back beyond the look-back window").isGreaterThan(10);

        List<ConsumerRecord<String, byte[]>> records = TestInfrastructure.readTopic(
                EventTopicsAutoConfiguration.topicOf(SERVICE), EVENTS, Duration.ofSeconds(90));
        Map<String, List<Long>> onTopic = new HashMap<>();
        Set<String> ids = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode event = json.readTree(record.value());
            ids.add(event.get("id").asText());
            assertThat(event.get("subject").asText()).isEqualTo(record.key());
            onTopic.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.get("sequence").asLong());
        }
        List<Long> expectedSequence = LongStream.range(0, perState).boxed().toList();
        assertThat(records).hasSize(EVENTS);
        assertThat(ids).hasSize(EVENTS);
        // The transparency log holds every event once, the late ones too.
        await().atMost(Duration.ofSeconds(60)).until(() -> log.size() >= EVENTS);
        assertThat(log.size()).isEqualTo(EVENTS);
        assertThat(onTopic).hasSize(STATES).allSatisfy((state, sequence) ->
                assertThat(sequence).as(state).containsExactlyElementsOf(expectedSequence));

        // A bound for a busy machine, not a speed: the inbox handles one record at a time.
        await().atMost(Duration.ofSeconds(180)).until(() ->
                application.received().values().stream().mapToInt(List::size).sum() >= EVENTS);
        assertThat(application.received()).hasSize(STATES).allSatisfy((state, sequence) ->
                assertThat(sequence).as(state).containsExactlyElementsOf(expectedSequence));

        // A redelivered record (same event id) changes nothing downstream.
        ConsumerRecord<String, byte[]> again = records.get(ThreadLocalRandom.current().nextInt(records.size()));
        try (Producer<String, byte[]> producer = TestInfrastructure.producer()) {
            producer.send(new ProducerRecord<>(again.topic(), again.key(), again.value())).get();
        }
        Thread.sleep(2_000);
        assertThat(application.received().values().stream().mapToInt(List::size).sum()).isEqualTo(EVENTS);
    }

    /** Writer {@code w} owns the States whose index is {@code w} modulo 8, and appends commits of 1-3 events. */
    private void write(List<String> states, int writer, int perState) {
        Map<String, Long> next = new HashMap<>();
        List<String> mine = new ArrayList<>();
        for (int i = writer; i < states.size(); i += WRITERS) {
            mine.add(states.get(i));
        }
        int remaining = mine.size() * perState;
        while (remaining > 0) {
            String state = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
            long from = next.getOrDefault(state, 0L);
            int size = (int) Math.min(ThreadLocalRandom.current().nextInt(1, 4), perState - from);
            if (size <= 0) {
                continue;
            }
            List<DomainEventMessage<?>> commit = new ArrayList<>();
            for (long s = from; s < from + size; s++) {
                commit.add(ProofEvents.event(state, s));
            }
            eventStore.publish(commit);
            next.put(state, from + size);
            remaining -= size;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
