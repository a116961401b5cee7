package org.treatyregistry.registry.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.registry.RegistryApplication;

/**
 * Proof (3) of the Foundation issue: resetting a processor rebuilds a projection identical to the original, also
 * when a commit inside the replayed range lands late: its positions were reserved before a later commit landed,
 * and it is held back, longer than a timestamp token's look-back window (1 s), until the replay has passed it. A
 * store tracked by timestamp, or one that dropped the gap, would rebuild the projection without it.
 */
@SpringBootTest(classes = {RegistryApplication.class, ProjectionReplayTest.HeldBackCommits.class},
        properties = "spring.config.name=registry-service")
class ProjectionReplayTest {

    private static final int STATES = 40;
    private static final CountDownLatch reserved = new CountDownLatch(1);
    private static final CountDownLatch release = new CountDownLatch(1);
    private static volatile String heldBack;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-replay").forEach((k, v) -> registry.add(k, () -> v));
    }

    /** The commit of State {@link #heldBack} waits, its positions reserved, until {@link #release}. */
    @TestConfiguration
    static class HeldBackCommits {
        @Bean
        EventStorageEngine eventStorageEngine(MongoDatabase serviceDatabase,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              Serializer serializer) {
            return new MongoEventStorageEngine(MongoEventStorageEngine.builder().database(serviceDatabase)
                    .eventSerializer(eventSerializer).snapshotSerializer(serializer).validated()) {
                @Override
                protected void insert(Document commit, Duration timeLeft) {
                    String key = commit.getList("aggregateKeys", String.class).get(0);
                    if (key.substring(0, key.lastIndexOf('#')).equals(heldBack)) {
                        reserved.countDown();
                        try {
                            release.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    super.insert(commit, timeLeft);
                }
            };
        }
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    RegistryProjection projection;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aResetProcessorRebuildsTheSameProjectionWithACommitThatLandedLateInsideTheReplay() throws Exception {
        List<String> states = Stream.of(Locale.getISOCountries()).map(c -> new Locale("", c).getISO3Country())
                .sorted().limit(STATES + 2).toList();
        for (int i = 0; i < STATES; i++) {
            commands.sendAndWait(record(states, i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> projection.all().size() == STATES);
        String original = checksum(states.subList(0, STATES));

        // The late State reserves its positions, then a later State's commit lands, and the reset follows.
        String late = states.get(STATES);
        String later = states.get(STATES + 1);
        heldBack = late;
        // The command bus runs a command on the sender's thread: the late one gets its own.
        CompletableFuture<Object> lateCommit = CompletableFuture.supplyAsync(
                () -> commands.sendAndWait(record(states, STATES)));
        assertThat(reserved.await(30, TimeUnit.SECONDS)).as("the late commit reserved its positions").isTrue();
        commands.sendAndWait(record(states, STATES + 1));

        StreamingEventProcessor processor = processing
                .eventProcessor(RegistryProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(projection.all()).as("the reset handler clears the projection").isEmpty();
        processor.start();

        // The replay passes the reserved positions with the later State; only then does the late commit land,
        // beyond a timestamp token's look-back window.
        await().atMost(Duration.ofSeconds(30)).until(() -> has(later));
        Thread.sleep(1_500);
        release.countDown();
        lateCommit.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> projection.all().size() == STATES + 2);
        assertThat(has(late)).as("the late commit is in the rebuilt projection").isTrue();
        assertThat(checksum(states.subList(0, STATES))).isEqualTo(original);
    }

    private static RecordFacts record(List<String> states, int i) {
        return new RecordFacts(states.get(i), List.of(new PendingFact(Facts.deposit(
                states.get(i), i % 2 == 0 ? InstrumentType.ACCESSION : InstrumentType.SUCCESSION,
                LocalDate.of(1999, 1, 1).plusDays(97L * i).toString()), "c" + i, "fingerprint-" + i)));
    }

    private boolean has(String iso3) {
        return projection.all().stream().anyMatch(state -> state.iso3().equals(iso3));
    }

    private String checksum(List<String> of) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (RegistryProjection.RecordedState state : projection.all()) {
            if (of.contains(state.iso3())) {
                sha.update(state.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
