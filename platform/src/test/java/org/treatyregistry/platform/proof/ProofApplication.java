package org.treatyregistry.platform.proof;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.treatyregistry.platform.kafka.InboundEventHandler;

/**
 * A service made of nothing but the platform: its event store, its publisher, an Axon projection of its store
 * ({@link ProofProjection}), and an inbox reading its own topic into {@link #received()}, a downstream projection
 * that records each State's sequence numbers in the order they arrived. Both projections take injected
 * {@link Faults}.
 */
@SpringBootApplication
public class ProofApplication {

    private final Map<String, List<Long>> received = new ConcurrentHashMap<>();
    private final Faults inboxFaults = new Faults();

    @Bean
    InboundEventHandler recordingProjection() {
        return event -> {
            inboxFaults.check(event.subject(), event.sequence());
            received.computeIfAbsent(event.subject(), s -> new CopyOnWriteArrayList<>()).add(event.sequence());
        };
    }

    @Bean
    ProofProjection proofProjection() {
        return new ProofProjection();
    }

    public Map<String, List<Long>> received() {
        return received;
    }

    public Faults inboxFaults() {
        return inboxFaults;
    }
}
