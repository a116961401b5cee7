package org.treatyregistry.platform.failures;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.treatyregistry.platform.eventstore.ProcessorLag;
import org.treatyregistry.platform.kafka.InboxDeadLetters;
import org.treatyregistry.platform.kafka.KafkaInbox;
import org.treatyregistry.platform.operations.DeadLettersController;
import org.treatyregistry.platform.operations.DeadLettersHealthSource;
import org.treatyregistry.platform.operations.NotReplayable;
import org.treatyregistry.platform.operations.OperationsHealthController;
import org.treatyregistry.platform.operations.OperatorHealth;
import org.treatyregistry.platform.operations.OperatorHealthSource;
import org.treatyregistry.platform.operations.ProcessorTokens;
import org.treatyregistry.platform.operations.ProcessorsHealthSource;
import org.treatyregistry.platform.operations.ReplayController;
import org.treatyregistry.platform.operations.Replays;

/**
 * No position moves past an event that was not handled (decision 0013). For every event processor of
 * the service: errors propagate (Axon's default would log them and move on); a failed batch rolls back, keeps its
 * token and is retried by the pooled processor with back-off; a poison event is put in Axon's sequenced dead-letter
 * queue in the service's MongoDB ({@code deadletters}), its aggregate's later events behind it, stored with
 * their batch ({@link BatchDeadLetterQueue}); and work deferred to
 * the end of a batch runs before its token is stored ({@link BatchEnd}). Dead letters are counted in metrics
 * ({@code treaty.deadletters}), reported by health ({@code deadLetters}) and handled by operators
 * ({@code /api/{service}/operations/dead-letters}).
 */
@AutoConfiguration
@ConditionalOnProperty("treaty.service.name")
public class FailuresAutoConfiguration {

    /** Room for many poison sequences and a long wait behind each; beyond that a batch fails and is retried. */
    private static final int MAX_SEQUENCES = 10_000;
    private static final int MAX_SEQUENCE_SIZE = 10_000;

    @Bean
    ProcessorFailures processorFailures(MongoDatabase serviceDatabase) {
        return new ProcessorFailures(serviceDatabase);
    }

    @Bean
    ConfigurerModule failureHandling(MongoDatabase serviceDatabase, ProcessorFailures failures,
                                     ListableBeanFactory beans) {
        MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build();
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultErrorHandler(c -> failures)
                    .registerDefaultHandlerInterceptor((c, processor) -> new BatchEnd(processor, failures))
                    .registerDeadLetterQueueProvider(group -> c -> new BatchDeadLetterQueue<>(
                            MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                    .processingGroup(group)
                                    .mongoTemplate(template)
                                    .serializer(c.eventSerializer())
                                    .maxSequences(MAX_SEQUENCES)
                                    .maxSequenceSize(MAX_SEQUENCE_SIZE)
                                    .build()))
                    .registerDefaultDeadLetterPolicy(c -> FailuresAutoConfiguration::decide);
            // Without the cache every event would ask MongoDB whether its sequence is held back.
            processingGroups(beans).forEach(group -> processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                    group, (c, invoker) -> invoker.enableSequenceIdentifierCache()));
        };
    }

    /**
     * Poison is dead-lettered; a transient failure is thrown on, failing the batch so that it is retried: Axon's
     * invoker would otherwise drop an event its policy declines to enqueue.
     */
    static EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (Failures.isTransient(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime
                    : new TransientFailure("transient failure handling " + letter.message().getIdentifier(), cause);
        }
        return Decisions.enqueue(cause);
    }

    /** The processing groups of the service's event handlers, as their classes name them. */
    static Set<String> processingGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class)).forEach(name ->
                groups.add(beans.findAnnotationOnBean(name, ProcessingGroup.class).value()));
        return groups;
    }

    @Bean
    InboxDeadLetters inboxDeadLetters(MongoDatabase serviceDatabase) {
        return new InboxDeadLetters(serviceDatabase);
    }

    @Bean
    DeadLetters deadLetters(EventProcessingConfiguration processing, InboxDeadLetters inboxDeadLetters,
                            Optional<KafkaInbox> inbox) {
        return new DeadLetters(processing, inboxDeadLetters, inbox);
    }

    /**
     * Per processor: {@code treaty.deadletters} (letters held), {@code treaty.processor.retrying} (1 while failing)
     * and {@code treaty.processor.lag} (positions of the store still to handle, the same on every instance).
     */
    @Bean
    MeterBinder processorMeters(DeadLetters deadLetters, ProcessorFailures failures, ProcessorLag lag,
                                ListableBeanFactory beans) {
        return registry -> {
            Set<String> processors = processingGroups(beans);
            for (String processor : processors) {
                Gauge.builder("treaty.processor.lag", lag, l -> l.of(processor))
                        .tag("processor", processor)
                        .description("positions of the store the processor has still to handle")
                        .register(registry);
                Gauge.builder("treaty.deadletters", deadLetters, d -> d.counts().getOrDefault(processor, 0L))
                        .tag("processor", processor).description("events held in the processor's dead letters")
                        .register(registry);
                Gauge.builder("treaty.processor.retrying", failures,
                                f -> f.failing(processor).isEmpty() ? 0 : 1)
                        .tag("processor", processor).description("1 while the processor's batches fail and are retried")
                        .register(registry);
            }
            Gauge.builder("treaty.deadletters", deadLetters,
                            d -> d.counts().getOrDefault(DeadLetters.INBOX, 0L))
                    .tag("processor", DeadLetters.INBOX).description("records held in the inbox's dead letters")
                    .register(registry);
        };
    }

    /**
     * {@code deadLetters}: DOWN, naming them, while a processor holds dead letters or keeps failing. Not part of
     * readiness: the service still answers, but an operator has to look.
     */
    @Bean("deadLettersHealthIndicator")
    HealthIndicator deadLettersHealthIndicator(DeadLetters deadLetters, ProcessorFailures failures) {
        return () -> {
            Map<String, Long> held = new LinkedHashMap<>(deadLetters.counts());
            held.values().removeIf(count -> count == 0);
            Map<String, String> retrying = new LinkedHashMap<>();
            failures.failing().forEach(failing -> retrying.put(failing.processor() + " segment " + failing.segment(),
                    "failing since " + failing.since() + " (" + failing.batches() + " batches, on "
                            + failing.instance() + "): " + failing.lastError()));
            Health.Builder health = held.isEmpty() && retrying.isEmpty() ? Health.up() : Health.down();
            return health.withDetail("deadLetters", held).withDetail("retrying", retrying).build();
        };
    }

    @Bean
    ProcessorTokens processorTokens(MongoDatabase serviceDatabase, Serializer serializer) {
        return new ProcessorTokens(serviceDatabase, serializer);
    }

    @Bean
    Replays replays(EventProcessingConfiguration processing, ProcessorTokens tokens, MongoDatabase serviceDatabase,
                    ObjectProvider<Clock> clock, List<NotReplayable> notReplayable) {
        return new Replays(processing, tokens, serviceDatabase, clock.getIfAvailable(Clock::systemUTC),
                notReplayable);
    }

    @Bean
    ProcessorsHealthSource processorsHealthSource(@Value("${treaty.service.name}") String service,
                                                  ProcessorFailures failures, ProcessorLag lag, Replays replays,
                                                  ListableBeanFactory beans) {
        return new ProcessorsHealthSource(service, List.copyOf(processingGroups(beans)), failures, lag::of, replays);
    }

    @Bean
    DeadLettersHealthSource deadLettersHealthSource(@Value("${treaty.service.name}") String service,
                                                    DeadLetters deadLetters) {
        return new DeadLettersHealthSource(service, deadLetters);
    }

    /** Every {@link OperatorHealthSource} bean, the platform's and those other features add, in one view. */
    @Bean
    OperatorHealth operatorHealth(@Value("${treaty.service.name}") String service,
                                  List<OperatorHealthSource> sources) {
        return new OperatorHealth(service, sources);
    }

    /**
     * Health component {@code operations}, one child per section, DOWN while something is stuck. Readiness
     * leaves it out (its group includes only the service and its MongoDB): the service still answers.
     */
    @Bean("operationsHealthContributor")
    CompositeHealthContributor operationsHealthContributor(OperatorHealth health) {
        return health.contributor();
    }

    /** Per processor, from the shared token store: whether it replays, positions still to replay, and the rate. */
    @Bean
    MeterBinder replayMeters(Replays replays, ListableBeanFactory beans) {
        return registry -> {
            for (String processor : processingGroups(beans)) {
                Gauge.builder("treaty.processor.replaying", replays, r -> r.progress(processor).replaying() ? 1 : 0)
                        .tag("processor", processor).description("1 while the processor replays the store")
                        .register(registry);
                Gauge.builder("treaty.processor.replay.remaining", replays, r -> remaining(r.progress(processor)))
                        .tag("processor", processor).description("positions the replay has still to reach")
                        .register(registry);
                Gauge.builder("treaty.processor.replay.rate", replays, r -> rate(r.progress(processor)))
                        .tag("processor", processor).description("positions replayed per second since it started")
                        .baseUnit("events/s").register(registry);
            }
        };
    }

    private static double remaining(Replays.Progress progress) {
        return progress.replaying() ? Math.max(0, progress.endPosition() - progress.position()) : 0;
    }

    private static double rate(Replays.Progress progress) {
        return progress.replaying() && progress.eventsPerSecond() != null ? progress.eventsPerSecond() : 0;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Operations {

        @Bean
        OperationsHealthController operationsHealthController(OperatorHealth health) {
            return new OperationsHealthController(health);
        }

        @Bean
        DeadLettersController deadLettersController(DeadLetters deadLetters) {
            return new DeadLettersController(deadLetters);
        }

        @Bean
        ReplayController replayController(Replays replays) {
            return new ReplayController(replays);
        }
    }
}
