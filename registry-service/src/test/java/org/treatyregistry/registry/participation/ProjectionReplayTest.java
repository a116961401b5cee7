package org.treatyregistry.registry.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.registry.RegistryApplication;

/** Proof (3) of the Foundation issue: resetting a processor rebuilds a projection identical to the original. */
@SpringBootTest(classes = RegistryApplication.class, properties = "spring.config.name=registry-service")
class ProjectionReplayTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-replay").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    RegistryProjection projection;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aResetProcessorRebuildsTheSameProjection() throws Exception {
        List<String> states = Stream.of(Locale.getISOCountries()).map(c -> new Locale("", c).getISO3Country())
                .sorted().limit(40).toList();
        for (int i = 0; i < states.size(); i++) {
            commands.sendAndWait(new RecordFacts(states.get(i), List.of(new PendingFact(Facts.deposit(
                    states.get(i), i % 2 == 0 ? InstrumentType.ACCESSION : InstrumentType.SUCCESSION,
                    LocalDate.of(1999, 1, 1).plusDays(97L * i).toString()), "c" + i, "fingerprint-" + i))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> projection.all().size() == states.size());
        String original = checksum();

        StreamingEventProcessor processor = processing
                .eventProcessor(RegistryProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(projection.all()).as("the reset handler clears the projection").isEmpty();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> projection.all().size() == states.size());
        assertThat(checksum()).isEqualTo(original);
    }

    private String checksum() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (RegistryProjection.RecordedState state : projection.all()) {
            sha.update(state.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
