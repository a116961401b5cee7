package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.KafkaEventPublisher;

/**
 * Proof (2) of the Foundation issue: no dual-write loss. An event is stored while the publisher is not
 * running, and the service stops before publishing it; after a restart the event reaches Kafka, once. The
 * event is a late commit: it was timestamped two seconds before an event the publisher had already published
 * (a command that took long to commit), beyond a timestamp token's one-second look-back, so a store tracked by
 * timestamp (Axon's Mongo extension) would never publish it.
 */
class PublishAfterRestartTest {

    private static final String SERVICE = "proof-restart";
    private static final String TOPIC = EventTopicsAutoConfiguration.topicOf(SERVICE);

    @Test
    void anEventStoredButNotPublishedBeforeTheServiceStoppedIsPublishedAfterRestart() throws InterruptedException {
        DomainEventMessage<?> late;
        DomainEventMessage<?> published;
        try (ConfigurableApplicationContext first = start()) {
            late = ProofEvents.event("UKR", 0);
            Thread.sleep(2_000);
            published = ProofEvents.event("POL", 0);
            first.getBean(EventStore.class).publish(published);
            assertThat(idsOn(TestInfrastructure.readTopic(TOPIC, 1, Duration.ofSeconds(30))))
                    .containsExactly(published.getIdentifier());
            publisher(first).shutDown(); // the process "dies" between append and publish
            first.getBean(EventStore.class).publish(late);
        }
        assertThat(idsOn(TestInfrastructure.readTopic(TOPIC, 2, Duration.ofSeconds(3))))
                .containsExactly(published.getIdentifier());

        try (ConfigurableApplicationContext second = start()) {
            assertThat(idsOn(TestInfrastructure.readTopic(TOPIC, 2, Duration.ofSeconds(30))))
                    .containsExactly(published.getIdentifier(), late.getIdentifier());
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ProofApplication.class).web(WebApplicationType.NONE)
                .run(TestInfrastructure.asArguments(TestInfrastructure.serviceProperties(SERVICE)));
    }

    private static EventProcessor publisher(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP).orElseThrow();
    }

    private static List<String> idsOn(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(PublishAfterRestartTest::id).toList();
    }

    private static String id(ConsumerRecord<String, byte[]> record) {
        try {
            return new ObjectMapper().readTree(record.value()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
