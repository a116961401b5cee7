package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.operations.Replays;
import org.treatyregistry.platform.web.ProblemException;

/**
 * Proof that a replay never drops dead letters and never leaves its processor stopped: while another instance
 * holds one of the processor's segments, a replay is refused (409, naming that instance), the dead letters stay,
 * and the processor runs on; once every segment can be claimed, the replay takes place, and only then are the
 * dead letters cleared (the replay hands their events over again).
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReplayTest {

    private static final String SERVICE = "proof-replay";
    private static final String OTHER = "the-other-instance@host";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    ProofProjection projection;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoDatabase serviceDatabase;
    @Autowired
    Serializer serializer;
    @Autowired
    Replays replays;

    @Test
    void aReplayRefusedWhileAnotherInstanceHoldsASegmentKeepsTheDeadLettersAndTheProcessorRuns() {
        projection.faults().poison("ALB", 2);
        publish("ALB", 5);
        await().atMost(PATIENCE).until(() -> deadLetters().size() == 3);

        StreamingEventProcessor processor = processor();
        TokenStore other = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build())
                .serializer(serializer).nodeId(OTHER).build();
        // The other instance claims segment 0 while this one is stopped; started again, this one takes segment 1.
        processor.shutDown();
        other.fetchToken(ProofProjection.PROCESSING_GROUP, 0);
        processor.start();
        await().atMost(PATIENCE).until(() -> processor.processingStatus().containsKey(1));

        other.extendClaim(ProofProjection.PROCESSING_GROUP, 0);
        assertThatThrownBy(() -> replays.replay(ProofProjection.PROCESSING_GROUP))
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    ProblemDetail problem = refused.problem();
                    assertThat(problem.getStatus()).isEqualTo(409);
                    assertThat(problem.getDetail()).contains(OTHER);
                });
        assertThat(deadLetters().size()).as("the held events are kept").isEqualTo(3);
        assertThat(processor.isRunning()).as("the processor runs on").isTrue();

        other.releaseClaim(ProofProjection.PROCESSING_GROUP, 0);
        projection.faults().cure();
        Replays.Progress started = replays.replay(ProofProjection.PROCESSING_GROUP);
        assertThat(started.startedAt()).isNotNull();
        assertThat(processor.isRunning()).isTrue();
        assertThat(deadLetters().size()).as("cleared once the reset took: the replay hands them over").isZero();
        await().atMost(PATIENCE).until(() -> !replays.progress(ProofProjection.PROCESSING_GROUP).replaying());
        assertThat(projection.handled().get("ALB")).as("the first run, then the whole replay")
                .containsExactly(0L, 1L, 0L, 1L, 2L, 3L, 4L);
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(ProofProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private void publish(String iso3, int events) {
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        LongStream.range(0, events).forEach(s -> commit.add(ProofEvents.event(iso3, s)));
        eventStore.publish(commit);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> deadLetters() {
        return processing.deadLetterQueue(ProofProjection.PROCESSING_GROUP).orElseThrow();
    }
}
