package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.common.utils.Utils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.InboxDeadLetters;
import org.treatyregistry.platform.kafka.InboxFailures;
import org.treatyregistry.platform.kafka.InboxHealthSource;
import org.treatyregistry.platform.operations.OperatorHealthSource;

/**
 * Proof of how the Kafka inbox tells a transient failure from poison when one record meets both: a record that
 * first fails while MongoDB is unreachable, then fails for good, is dead-lettered on its deterministic failure, and
 * the records behind it on its partition (other States) go on. An inbox whose error handler cannot see the failure
 * change retries it for ever, and its partition stays blocked behind it. While a partition is stuck on a record,
 * every instance reports it (which record, why, since when) in metrics and health, until it passes.
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class InboxFailuresTest {

    private static final String SERVICE = "proof-inbox";
    private static final int PARTITIONS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.kafka.consume", () -> SERVICE);
        registry.add("treaty.kafka.partitions", () -> PARTITIONS);
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    ProofApplication application;
    @Autowired
    InboxDeadLetters inboxDeadLetters;
    @Autowired
    InboxFailures inboxFailures;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoDatabase serviceDatabase;
    @Autowired
    @Qualifier("inboxHealthIndicator")
    HealthIndicator health;
    @Autowired
    InboxHealthSource inboxSection;

    @Test
    void aRecordThatFailsForGoodAfterATransientFailureIsDeadLetteredAndItsPartitionMovesOn() {
        String neighbour = samePartitionAs("BRA");
        application.inboxFaults().failOnce("BRA", 1);
        application.inboxFaults().poison("BRA", 1);
        publish("BRA", 3);
        publish(neighbour, 2);

        await().atMost(PATIENCE).until(() -> application.received().getOrDefault(neighbour, List.of()).size() >= 2
                && letters("BRA").size() >= 2);
        assertThat(application.received().get(neighbour)).as("the records behind it on its partition")
                .containsExactly(0L, 1L);
        assertThat(application.received().get("BRA")).containsExactly(0L);
        assertThat(letters("BRA")).extracting(InboxDeadLetters.Letter::reason)
                .containsExactly("IllegalStateException: injected: the handler cannot handle BRA#1",
                        InboxDeadLetters.WAITING);
    }

    @Test
    void aPartitionStuckOnARecordIsReportedByMetricsAndHealthUntilItPasses() {
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters())
                .as("the inbox's consumer lag, from Micrometer's Kafka binder").isNotEmpty();
        application.inboxFaults().unavailableFor(Duration.ofSeconds(5));
        publish("CHL", 2);

        await().atMost(PATIENCE).until(() -> !inboxFailures.current().isEmpty());
        assertThat(inboxFailures.current()).singleElement().satisfies(failure -> {
            assertThat(failure.topic()).isEqualTo(EventTopicsAutoConfiguration.topicOf(SERVICE));
            assertThat(failure.partition()).isEqualTo(partition("CHL"));
            assertThat(failure.key()).isEqualTo("CHL");
            assertThat(failure.eventId()).isNotNull();
            assertThat(failure.error()).contains("injected: MongoDB unreachable");
            assertThat(failure.retried()).isTrue();
        });
        assertThat(meters.get("treaty.inbox.retrying").gauge().value()).isEqualTo(1.0);
        Health stuck = health.health();
        assertThat(stuck.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stuck.getDetails().get("failing")).asString()
                .contains(EventTopicsAutoConfiguration.topicOf(SERVICE) + "-" + partition("CHL"), "CHL",
                        "injected: MongoDB unreachable");
        OperatorHealthSource.Section inbox = inboxSection.read();
        assertThat(inbox.stuck()).as("the operator's view names the stuck partition").singleElement()
                .satisfies(item -> {
                    assertThat(item.where()).startsWith(EventTopicsAutoConfiguration.topicOf(SERVICE) + "-"
                            + partition("CHL") + " offset ");
                    assertThat(item.what()).startsWith("retrying ").contains("(CHL)");
                    assertThat(item.error()).contains("injected: MongoDB unreachable");
                    assertThat(item.undo()).startsWith("Fix the cause");
                });
        assertThat(inbox.details().get("lag")).as("the consumer group's lag, from Kafka's committed offsets")
                .isInstanceOf(Map.class);

        await().atMost(PATIENCE).until(() -> application.received().getOrDefault("CHL", List.of()).size() >= 2);
        await().atMost(PATIENCE).until(() -> inboxFailures.current().isEmpty());
        assertThat(meters.get("treaty.inbox.retrying").gauge().value()).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(inboxSection.read().stuck()).isEmpty();
        assertThat(serviceDatabase.getCollection("inbox_failures").countDocuments())
                .as("cleared where every instance reads it").isZero();
    }

    private List<InboxDeadLetters.Letter> letters(String iso3) {
        String sequence = EventTopicsAutoConfiguration.topicOf(SERVICE) + "|" + iso3;
        return inboxDeadLetters.all().stream().filter(s -> s.sequence().equals(sequence))
                .flatMap(s -> s.letters().stream()).toList();
    }

    /** A State whose records share {@code iso3}'s partition, as Kafka's default partitioner places them. */
    private static String samePartitionAs(String iso3) {
        return ProofEvents.states(250).stream()
                .filter(s -> !s.equals(iso3) && partition(s) == partition(iso3))
                .findFirst().orElseThrow();
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes())) % PARTITIONS;
    }

    private void publish(String iso3, int events) {
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        LongStream.range(0, events).forEach(s -> commit.add(ProofEvents.event(iso3, s)));
        eventStore.publish(commit);
    }
}
