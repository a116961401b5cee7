package org.treatyregistry.reporting.landrelease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.ReportingApplication;
import org.treatyregistry.reporting.record.ReportingStream;
import org.treatyregistry.reporting.synthetic.SyntheticReporting;

/**
 * The land-release read model and the token of its processor are one unit: a write that
 * fails between them, as a crash there would leave things, loses nothing and doubles nothing. The service runs on a
 * MongoDB that fails one write on purpose: first the projection's first write of a batch (a projection that writes
 * after its token has stored it by then, and loses the batch), then the token write that follows a batch's rows
 * (the rows are written again, idempotently).
 */
@SpringBootTest(classes = ReportingApplication.class, properties = "spring.config.name=reporting-service")
@DirtiesContext
class ContaminationCrashTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final FailingBackend backend = new FailingBackend();
    private static final MongoServer mongo = new MongoServer(backend);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String uri = mongo.bindAndGetConnectionString().replaceAll("/$", "");
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdownNow));
        TestInfrastructure.serviceProperties("reporting-crash").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mongodb.uri", () -> uri + "/reporting-crash");
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    ContaminationController controller;

    @Test
    void aWriteThatFailsBetweenTheReadModelAndItsTokenLosesNothing() {
        backend.failNext(FailingBackend.Target.PROJECTION_WRITE);
        Map<String, Long> first = store(SyntheticReporting.landRelease(1, 2, 40));
        await().atMost(Duration.ofSeconds(60)).until(() -> backend.failed(FailingBackend.Target.PROJECTION_WRITE) == 1
                && eventsOf(first).equals(first));

        backend.failNext(FailingBackend.Target.TOKEN_AFTER_ROWS);
        Map<String, Long> second = store(SyntheticReporting.landRelease(2, 2, 40));
        Map<String, Long> both = new HashMap<>(first);
        second.forEach((iso3, count) -> both.merge(iso3, count, Long::sum));
        await().atMost(Duration.ofSeconds(60)).until(() -> backend.failed(FailingBackend.Target.TOKEN_AFTER_ROWS) == 1
                && eventsOf(both).equals(both));
        assertThat(eventsOf(both)).as("events per State in the read model, none lost, none doubled").isEqualTo(both);
    }

    /** Stores the events as their streams' next events; returns how many each State has. */
    private Map<String, Long> store(List<StateEvent> events) {
        Map<String, Long> next = new HashMap<>();
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (StateEvent event : events) {
            String stream = ReportingStream.of(event);
            long sequence = next.merge(stream, 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>("ReportingStream", stream, sequence, event));
        }
        messages.stream().collect(Collectors.groupingBy(DomainEventMessage::getAggregateIdentifier))
                .values().forEach(eventStore::publish);
        return events.stream().collect(Collectors.groupingBy(StateEvent::iso3, Collectors.counting()));
    }

    private Map<String, Long> eventsOf(Map<String, Long> expected) {
        Map<String, Long> counted = new HashMap<>();
        expected.keySet().forEach(iso3 -> counted.put(iso3,
                controller.ofState(iso3, Reading.of(TODAY, null, Clock.systemUTC())).events()));
        return counted;
    }

    /** mongo-java-server's memory backend, failing one chosen write once when asked to. */
    static final class FailingBackend extends MemoryBackend {

        enum Target { PROJECTION_WRITE, TOKEN_AFTER_ROWS }

        private volatile Target armed;
        private final AtomicBoolean rowsWritten = new AtomicBoolean();
        private final Map<Target, AtomicInteger> failures = Map.of(Target.PROJECTION_WRITE, new AtomicInteger(),
                Target.TOKEN_AFTER_ROWS, new AtomicInteger());

        void failNext(Target target) {
            rowsWritten.set(false);
            armed = target;
        }

        int failed(Target target) {
            return failures.get(target).get();
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            boolean rows = "update".equalsIgnoreCase(command) && "contamination_months".equals(query.get("update"));
            boolean token = ("update".equalsIgnoreCase(command) || "findAndModify".equalsIgnoreCase(command))
                    && query.toString().contains("trackingtokens") && query.toString().contains("contamination")
                    && query.toString().contains("token");
            if (armed == Target.PROJECTION_WRITE && rows) {
                armed = null;
                failures.get(Target.PROJECTION_WRITE).incrementAndGet();
                throw new MongoServerException("injected: the write of the read model failed");
            }
            if (armed == Target.TOKEN_AFTER_ROWS && token && rowsWritten.get()) {
                armed = null;
                failures.get(Target.TOKEN_AFTER_ROWS).incrementAndGet();
                throw new MongoServerException("injected: the write of the token failed");
            }
            Document result = super.handleCommand(channel, database, command, query);
            if (rows) {
                rowsWritten.set(true);
            }
            return result;
        }
    }
}
