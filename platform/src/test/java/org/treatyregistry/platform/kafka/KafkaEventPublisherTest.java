package org.treatyregistry.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.failures.Failures;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * A producer that cannot take a record is Kafka's failure, not the event's. Another segment's failed wait resets
 * the shared producer, closing it under a segment that is sending: that send must fail the batch as transient
 * (retried, token kept), never be taken for poison, which would dead-letter the State's events and keep them from
 * Kafka for good (what {@code PublisherWaitsForKafkaTest} caught, one run in a few, on a busy machine).
 */
class KafkaEventPublisherTest {

    @Test
    void aSendOnAClosedProducerIsATransientFailure() {
        MockProducer<String, byte[]> closed = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        closed.close();
        KafkaEventPublisher publisher = new KafkaEventPublisher(factoryOf(closed), "apmbc.test.events",
                new CloudEventCodec(new ObjectMapper().findAndRegisterModules(), "test"), Duration.ofSeconds(1),
                new SimpleMeterRegistry());
        InstrumentDeposited payload = new InstrumentDeposited("UKR", "UKR", InstrumentType.RATIFICATION,
                "1999-12-27", null, LocalDate.of(2005, 12, 27), false, "test-0");

        assertThatThrownBy(() -> publisher.publish(payload,
                new GenericDomainEventMessage<>("StateParticipation", "UKR", 0, payload),
                new GlobalSequenceTrackingToken(0)))
                .isInstanceOf(TransientFailure.class)
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isTrue());
    }

    private static DefaultKafkaProducerFactory<String, byte[]> factoryOf(MockProducer<String, byte[]> producer) {
        return new DefaultKafkaProducerFactory<>(Map.of()) {
            @Override
            protected Producer<String, byte[]> createKafkaProducer() {
                return producer;
            }
        };
    }
}
