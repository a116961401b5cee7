package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.treatyregistry.platform.TestInfrastructure.eventIds;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.network.ListenerName;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.KafkaProxy;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.InboxHealthSource;
import org.treatyregistry.platform.kafka.KafkaEventPublisher;

/**
 * Proof that the publisher's position never moves past an event Kafka has not acknowledged. The service's Kafka
 * (a broker of its own, reached through a {@link KafkaProxy}) is cut off for several times the publisher's wait
 * while events are stored: the tokens of the publisher's segments that hold them must stay where they were. Once
 * Kafka is back every event arrives, each exactly once on the topic and in the inbox's projection downstream. A
 * publisher that sends without waiting, or that swallows the failed wait, moves its token during the outage and
 * fails here.
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class PublisherWaitsForKafkaTest {

    private static final String SERVICE = "proof-outage";
    private static final String TOPIC = EventTopicsAutoConfiguration.topicOf(SERVICE);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration OUTAGE = ACK_TIMEOUT.multipliedBy(6);

    private static KafkaProxy proxy;
    private static EmbeddedKafkaKraftBroker kafka;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        proxy = new KafkaProxy();
        kafka = TestInfrastructure.broker();
        kafka.brokerProperty("advertised.listeners", "EXTERNAL://localhost:" + proxy.port());
        kafka.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            kafka.destroy();
        }));
        proxy.forwardTo(kafka.getCluster().brokers().values().iterator().next()
                .boundPort(ListenerName.normalised("EXTERNAL")));
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.kafka.bootstrap-servers", PublisherWaitsForKafkaTest::bootstrap);
        registry.add("treaty.kafka.consume", () -> SERVICE);
        registry.add("treaty.kafka.publisher.ack-timeout", ACK_TIMEOUT::toString);
    }

    private static String bootstrap() {
        return "localhost:" + proxy.port();
    }

    @Autowired
    ProofApplication application;
    @Autowired
    EventStore eventStore;
    @Autowired
    InboxHealthSource inboxSection;
    @Autowired
    MongoDatabase serviceDatabase;
    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    @Test
    void thePublishersTokenWaitsWhileKafkaIsAwayAndEveryEventArrivesOnceAfterwards() throws Exception {
        DomainEventMessage<?> first = ProofEvents.event("UKR", 0);
        eventStore.publish(first);
        assertThat(eventIds(TestInfrastructure.readTopic(bootstrap(), TOPIC, 1, Duration.ofSeconds(30))))
                .containsExactly(first.getIdentifier());
        await().atMost(Duration.ofSeconds(10)).until(() -> publisherPosition("UKR").isPresent());
        OptionalLong ukraine = publisherPosition("UKR");
        OptionalLong poland = publisherPosition("POL");

        proxy.cut();
        List<String> during = new ArrayList<>();
        for (long s = 1; s <= 5; s++) {
            for (DomainEventMessage<?> event : List.of(ProofEvents.event("UKR", s), ProofEvents.event("POL", s - 1))) {
                eventStore.publish(event);
                during.add(event.getIdentifier());
            }
        }
        Thread.sleep(OUTAGE.toMillis());
        assertThat(publisherPosition("UKR")).as("the token of the publisher's segment of UKR while Kafka is away")
                .isEqualTo(ukraine);
        assertThat(publisherPosition("POL")).as("the token of the publisher's segment of POL while Kafka is away")
                .isEqualTo(poland);

        proxy.restore();
        List<String> expected = new ArrayList<>(List.of(first.getIdentifier()));
        expected.addAll(during);
        List<String> onTopic = eventIds(TestInfrastructure.readTopic(bootstrap(), TOPIC, expected.size(),
                Duration.ofSeconds(90)));
        assertThat(onTopic).as("every event, each exactly once").containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                application.received().getOrDefault("POL", List.of()).size() >= 5
                        && application.received().getOrDefault("UKR", List.of()).size() >= 6);
        assertThat(application.received().get("UKR")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(application.received().get("POL")).containsExactly(0L, 1L, 2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(10)).until(() -> publisherPosition("UKR").orElse(-1) > ukraine.getAsLong()
                && publisherPosition("POL").orElse(-1) > poland.orElse(-1));
        // Each transaction's commit marker takes an offset of its own: a group that read everything has no lag.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(inboxLag())
                .as("the inbox's lag per partition, once it has handled every event").isNotEmpty()
                .allSatisfy((partition, lag) -> assertThat(lag).isEqualTo(0L)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> inboxLag() {
        Object lag = inboxSection.read().details().get("lag");
        return lag instanceof Map<?, ?> partitions ? (Map<String, Long>) partitions : Map.of();
    }

    private OptionalLong publisherPosition(String state) {
        return Tokens.position(serviceDatabase, serializer, KafkaEventPublisher.PROCESSING_GROUP, state);
    }
}
