package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.failures.DeadLetters;
import org.treatyregistry.platform.failures.ProcessorFailures;
import org.treatyregistry.platform.operations.OperatorHealth;

/**
 * Proofs for the dead-letter paths around a batch's end: work deferred to the end of a batch that fails for good
 * is dead-lettered per sequence instead of stalling its segment, and a retry that empties a sequence while a
 * batch queues an event behind it leaves no letters waiting behind nothing.
 */
@SpringBootTest(classes = {ProofApplication.class, DeadLetterEdgesTest.WithBatchEndProjection.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DeadLetterEdgesTest {

    private static final String SERVICE = "proof-deadletter-edges";
    private static final String GROUP = BatchEndProjection.PROCESSING_GROUP;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Configuration(proxyBeanMethods = false)
    static class WithBatchEndProjection {
        @Bean
        BatchEndProjection batchEndProjection() {
            return new BatchEndProjection();
        }
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    BatchEndProjection projection;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DeadLetters operations;
    @Autowired
    MongoDatabase serviceDatabase;
    @Autowired
    OperatorHealth health;

    @Test
    void aBatchEndFailureIsDeadLetteredWithItsSequenceAndTheSegmentGoesOn() {
        String sibling = sameSegmentAs("ALB");
        projection.failWrite("ALB", 2);
        publish("ALB", 5);
        publish(sibling, 3);

        await().atMost(PATIENCE).until(() -> projection.written().getOrDefault(sibling, List.of()).size() >= 3
                && deadLetters().sequenceSize("ALB") >= 3);
        assertThat(projection.written().get(sibling)).as("the segment goes on").containsExactly(0L, 1L, 2L);
        assertThat(projection.written().get("ALB")).containsExactly(0L, 1L);
        assertThat(operations.list(GROUP)).filteredOn(held -> held.sequence().equals("ALB"))
                .singleElement().satisfies(sequence -> {
            assertThat(sequence.sequence()).isEqualTo("ALB");
            assertThat(sequence.letters()).hasSize(3);
            assertThat(sequence.letters().get(0).reason()).contains("release of unknown area ALB#2");
        });

        projection.cure();
        assertThat(operations.retry(GROUP, "ALB").stillFailing()).isEmpty();
        assertThat(projection.written().get("ALB")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(deadLetters().contains("ALB")).isFalse();
    }

    @Test
    void aRetryThatEmptiesASequenceWhileAnEventQueuesBehindItLeavesNoLetterWaitingBehindNothing() throws Exception {
        String sibling = sameSegmentAs("BHR");
        projection.poison("BHR", 1);
        publish("BHR", 2);
        await().atMost(PATIENCE).until(() -> deadLetters().sequenceSize("BHR") == 1);

        // BHR#2 queues up behind the held BHR#1 in a batch whose end is held until the retry has emptied BHR.
        projection.cure();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        projection.hold(sibling, 0, entered, release);
        eventStore.publish(List.of(ProofEvents.event("BHR", 2), ProofEvents.event(sibling, 0)));
        assertThat(entered.await(60, TimeUnit.SECONDS)).as("the batch reached its end").isTrue();
        assertThat(operations.retry(GROUP, "BHR").retried()).isEqualTo(1);
        release.countDown();

        await().atMost(PATIENCE).until(() -> projection.written().getOrDefault("BHR", List.of()).contains(2L)
                && !deadLetters().contains("BHR"));
        assertThat(projection.written().get("BHR")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aSegmentFailingWhileItsSiblingSucceedsIsReportedToEveryInstanceUntilItsOwnBatchCommits() {
        String sibling = otherSegmentThan("CHE");
        projection.unavailableFor("CHE", 0);
        publish("CHE", 1);
        // Another instance has none of this one's memory: it reads the failures the service's MongoDB holds.
        ProcessorFailures elsewhere = new ProcessorFailures(serviceDatabase);
        await().atMost(PATIENCE).until(() -> !elsewhere.failing(GROUP).isEmpty());
        int failingSegment = elsewhere.failing(GROUP).get(0).segment();
        Instant failingSince = elsewhere.failing(GROUP).get(0).since();

        publish(sibling, 3);
        await().atMost(PATIENCE).until(() -> projection.written().getOrDefault(sibling, List.of()).size() >= 3);
        assertThat(elsewhere.failing(GROUP)).as("the sibling's batches do not clear it").singleElement()
                .satisfies(failing -> {
                    assertThat(failing.segment()).isEqualTo(failingSegment);
                    assertThat(failing.lastError()).contains("injected: MongoDB unreachable while writing CHE#0");
                    assertThat(failing.since()).as("failing since its first failure").isEqualTo(failingSince);
                });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health.read().sections().get("processors").stuck())
                .singleElement().satisfies(stuck -> {
                    assertThat(stuck.where()).isEqualTo(GROUP + " segment " + failingSegment);
                    assertThat(stuck.error()).contains("CHE#0");
                    assertThat(stuck.undo()).contains("/operations/replay?processor=" + GROUP);
                }));

        projection.cure();
        await().atMost(PATIENCE).until(() -> projection.written().containsKey("CHE")
                && elsewhere.failing(GROUP).isEmpty());
    }

    /** A State other than {@code iso3} whose events the same segment handles (two segments per processor). */
    private static String sameSegmentAs(String iso3) {
        Segment segment = segmentOf(iso3);
        return ProofEvents.states(250).stream().filter(s -> !s.equals(iso3) && segment.matches(s))
                .reduce((first, second) -> second).orElseThrow();
    }

    private static String otherSegmentThan(String iso3) {
        Segment segment = segmentOf(iso3);
        return ProofEvents.states(250).stream().filter(s -> !segment.matches(s)).findFirst().orElseThrow();
    }

    private static Segment segmentOf(String iso3) {
        return List.of(Segment.computeSegments(0, 1)).stream().filter(s -> s.matches(iso3)).findFirst().orElseThrow();
    }

    private void publish(String iso3, int events) {
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        LongStream.range(0, events).forEach(s -> commit.add(ProofEvents.event(iso3, s)));
        eventStore.publish(commit);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> deadLetters() {
        return processing.deadLetterQueue(GROUP).orElseThrow();
    }
}
