package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.failures.DeadLetters;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.InboxDeadLetters;

/**
 * Proof that no position moves past an event that was not handled, for both kinds of projection: an Axon
 * projection of the service's own store ({@link ProofProjection}, tracking token) and a projection fed by the
 * Kafka inbox (consumer offset). A transient failure (MongoDB unreachable) is retried until it passes and
 * dead-letters nothing; a poison event (a handler that fails on it every time) is dead-lettered with the later
 * events of its State, which wait behind it, while other States go on; once the handler is fixed, a retry
 * handles them in order. Dead letters are listed with their reason, counted in metrics and health, retried and
 * discarded through {@link DeadLetters}, what the operator endpoints call.
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProjectionFailuresTest {

    private static final String SERVICE = "proof-failures";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.kafka.consume", () -> SERVICE);
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    ProofApplication application;
    @Autowired
    ProofProjection projection;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DeadLetters operations;
    @Autowired
    @Qualifier("deadLettersHealthIndicator")
    HealthIndicator health;
    @Autowired
    MeterRegistry meters;
    @Autowired
    InboxDeadLetters inboxLetters;

    @Test
    void anAxonProjectionRetriesWhileMongoDbIsUnreachableAndSkipsNothing() {
        projection.faults().unavailableFor(Duration.ofSeconds(3));
        publish("AFG", 5);

        await().atMost(PATIENCE).until(() -> projection.handled().getOrDefault("AFG", List.of()).size() >= 5);
        assertThat(projection.handled().get("AFG")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(projection.faults().failures()).as("the fault was hit").isPositive();
        assertThat(deadLetters().size()).as("a transient failure is never dead-lettered").isZero();
    }

    @Test
    void theLagGaugeCountsWhatAProcessorHasStillToHandleAndFallsToZeroOnceItHasCaughtUp() {
        projection.faults().unavailableFor(Duration.ofSeconds(4));
        publish("BEN", 5);

        await().atMost(PATIENCE).until(() -> lag() >= 5);
        await().atMost(PATIENCE).until(() -> projection.handled().getOrDefault("BEN", List.of()).size() >= 5);
        await().atMost(PATIENCE).until(() -> lag() == 0);
    }

    private double lag() {
        return meters.get("treaty.processor.lag").tag("processor", ProofProjection.PROCESSING_GROUP).gauge().value();
    }

    @Test
    void aPoisonEventInAnAxonProjectionIsDeadLetteredWithItsStatesLaterEventsAndRetriedInOrder() {
        projection.faults().poison("ALB", 2);
        publish("ALB", 5);
        publish("DZA", 5);

        await().atMost(PATIENCE).until(() -> projection.handled().getOrDefault("DZA", List.of()).size() >= 5
                && deadLetters().size() >= 3);
        assertThat(projection.handled().get("DZA")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(projection.handled().get("ALB")).as("ALB's later events wait behind the poison one")
                .containsExactly(0L, 1L);
        assertThat(deadLetters().size()).isEqualTo(3);
        List<DeadLetters.Sequence> held = operations.list(ProofProjection.PROCESSING_GROUP);
        assertThat(held).singleElement().satisfies(sequence -> {
            assertThat(sequence.sequence()).isEqualTo("ALB");
            assertThat(sequence.letters()).hasSize(3);
            assertThat(sequence.letters().get(0).reason()).contains("injected: the handler cannot handle ALB#2");
        });
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("deadLetters"))
                .isEqualTo(Map.of(ProofProjection.PROCESSING_GROUP, 3L));
        assertThat(meters.get("treaty.deadletters").tag("processor", ProofProjection.PROCESSING_GROUP).gauge().value())
                .isEqualTo(3.0);

        assertThat(operations.retry(ProofProjection.PROCESSING_GROUP, null).stillFailing())
                .as("retried before the fix").containsOnlyKeys("ALB");
        assertThat(projection.handled().get("ALB")).containsExactly(0L, 1L);
        projection.faults().cure();
        DeadLetters.Retry retry = operations.retry(ProofProjection.PROCESSING_GROUP, null);
        assertThat(retry.retried()).isEqualTo(1);
        assertThat(retry.stillFailing()).isEmpty();
        assertThat(projection.handled().get("ALB")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(deadLetters().size()).isZero();
    }

    @Test
    void aBatchRetriedAfterItDeadLetteredAnEventHoldsEachOfItsLettersOnce() {
        // BHR's poison event is dead-lettered, with its later events, before a transient failure later in the
        // same batch rolls that batch back: handled again, the batch must not dead-letter them a second time.
        String later = ProofEvents.states(250).stream()
                .filter(s -> !s.equals("BHR") && (s.hashCode() & 1) == ("BHR".hashCode() & 1))
                .reduce((first, second) -> second).orElseThrow();
        projection.faults().poison("BHR", 1);
        projection.faults().failOnce(later, 0);
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        LongStream.range(0, 4).forEach(s -> commit.add(ProofEvents.event("BHR", s)));
        commit.add(ProofEvents.event(later, 0));
        eventStore.publish(commit);

        await().atMost(PATIENCE).until(() -> projection.handled().containsKey(later));
        // A batch after it, in the same segment, is handled once that batch has committed, its letters with it.
        eventStore.publish(ProofEvents.event(later, 1));
        await().atMost(PATIENCE).until(() -> projection.handled().get(later).contains(1L));
        assertThat(deadLetters().sequenceSize("BHR")).as("BHR#1, #2 and #3, each once").isEqualTo(3);

        projection.faults().cure();
        assertThat(operations.retry(ProofProjection.PROCESSING_GROUP, null).stillFailing()).isEmpty();
        // BHR#0 was handled in both attempts: this in-memory projection does not roll back as a store would.
        assertThat(projection.handled().get("BHR")).as("the letters, each handled once, in order")
                .filteredOn(sequence -> sequence > 0).containsExactly(1L, 2L, 3L);
        assertThat(deadLetters().size()).isZero();
    }

    @Test
    void theInboxRetriesWhileMongoDbIsUnreachableAndSkipsNothing() {
        // Longer than Spring Kafka's default error handler takes to give a record up (ten quick attempts).
        application.inboxFaults().unavailableFor(Duration.ofSeconds(8));
        publish("AND", 5);

        await().atMost(PATIENCE).until(() -> application.received().getOrDefault("AND", List.of()).size() >= 5);
        assertThat(application.received().get("AND")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(application.inboxFaults().failures()).as("the fault was hit").isPositive();
        assertThat(inboxDeadLetters("AND")).isEmpty();
    }

    @Test
    void aPoisonRecordInTheInboxIsDeadLetteredWithItsStatesLaterRecords() {
        application.inboxFaults().poison("ARG", 1);
        publish("ARG", 4);
        publish("ARM", 4);

        await().atMost(PATIENCE).until(() -> application.received().getOrDefault("ARM", List.of()).size() >= 4
                && inboxDeadLetters("ARG").size() >= 3);
        assertThat(application.received().get("ARM")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(application.received().get("ARG")).containsExactly(0L);
        assertThat(inboxDeadLetters("ARG")).extracting(InboxDeadLetters.Letter::reason).first()
                .asString().contains("injected: the handler cannot handle ARG#1");
        assertThat(operations.counts()).containsEntry(DeadLetters.INBOX, 3L);

        application.inboxFaults().cure();
        DeadLetters.Retry retry = operations.retry(DeadLetters.INBOX, sequence("ARG"));
        assertThat(retry.retried()).isEqualTo(1);
        assertThat(application.received().get("ARG")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(inboxDeadLetters("ARG")).isEmpty();
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndItsStatesLaterRecordsWaitBehindIt() throws Exception {
        try (Producer<String, byte[]> producer = TestInfrastructure.producer()) {
            producer.send(new ProducerRecord<>(EventTopicsAutoConfiguration.topicOf(SERVICE), "AUS",
                    "not a CloudEvent".getBytes())).get();
        }
        publish("AUS", 2);
        publish("AUT", 2);

        await().atMost(PATIENCE).until(() -> application.received().getOrDefault("AUT", List.of()).size() >= 2
                && inboxDeadLetters("AUS").size() >= 3);
        assertThat(application.received()).doesNotContainKey("AUS");
        assertThat(inboxDeadLetters("AUS").get(0).reason()).contains("not a CloudEvent");

        assertThat(operations.retry(DeadLetters.INBOX, sequence("AUS")).stillFailing())
                .as("no build reads it").containsOnlyKeys(sequence("AUS"));
        assertThat(operations.discard(DeadLetters.INBOX, sequence("AUS"),
                inboxDeadLetters("AUS").get(0).letter())).isTrue();
        assertThat(operations.retry(DeadLetters.INBOX, sequence("AUS")).retried()).isEqualTo(1);
        assertThat(application.received().get("AUS")).containsExactly(0L, 1L);
    }

    private void publish(String iso3, int events) {
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        LongStream.range(0, events).forEach(s -> commit.add(ProofEvents.event(iso3, s)));
        eventStore.publish(commit);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> deadLetters() {
        return processing.deadLetterQueue(ProofProjection.PROCESSING_GROUP)
                .orElseThrow(() -> new AssertionError("no dead-letter queue for " + ProofProjection.PROCESSING_GROUP));
    }

    private static String sequence(String iso3) {
        return EventTopicsAutoConfiguration.topicOf(SERVICE) + "|" + iso3;
    }

    /** The inbox's dead letters of one State's sequence on the proof topic, oldest first. */
    private List<InboxDeadLetters.Letter> inboxDeadLetters(String iso3) {
        return inboxLetters.all().stream().filter(held -> held.sequence().equals(sequence(iso3)))
                .flatMap(held -> held.letters().stream()).toList();
    }
}
