package org.treatyregistry.platform.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.treatyregistry.platform.transparency.TransparencyLog;

/**
 * One topic per producing service ({@code apmbc.<service>.events}), retained for full replay; the service's
 * publisher; and, for services that consume others' topics ({@code treaty.kafka.consume}), the inbox
 * listener. Every service declares the topics it touches with the same settings, so start-up order does not
 * matter.
 */
@AutoConfiguration
@ConditionalOnProperty("treaty.service.name")
public class EventTopicsAutoConfiguration {

    /** How long a partition of the inbox has no new record before its position is committed (InboxPositions). */
    private static final Duration QUIET_PARTITION = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(EventTopicsAutoConfiguration.class);
    private static final Duration LINGER = Duration.ofMillis(5);

    public static String topicOf(String serviceName) {
        return "apmbc." + serviceName + ".events";
    }

    @Bean
    CloudEventCodec cloudEventCodec(@Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                                    @Value("${treaty.service.name}") String serviceName) {
        return new CloudEventCodec(json, serviceName);
    }

    @Bean
    KafkaAdmin.NewTopics eventTopics(@Value("${treaty.service.name}") String serviceName,
                                     @Value("${treaty.kafka.consume:}") List<String> consumed,
                                     @Value("${treaty.kafka.partitions:6}") int partitions,
                                     @Value("${treaty.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                Stream.concat(Stream.of(serviceName), consumed.stream())
                        .distinct()
                        .map(service -> TopicBuilder.name(topicOf(service))
                                .partitions(partitions)
                                .replicas(replicationFactor)
                                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                                .build())
                        .toArray(NewTopic[]::new));
    }

    /**
     * The publisher, with {@code treaty.kafka.publisher.ack-timeout}: how long a batch waits for Kafka before it
     * fails and is retried. Its producers are transactional (one per segment, idempotent, acks=all): a batch is
     * committed whole or not at all, and an instance that lost its segment's claim is fenced. Each blocking call
     * (starting transactions, a send waiting for metadata or buffer space, the commit waiting for acknowledgements)
     * ends within {@link PublisherWaits} allows inside Axon's handler and batch timeouts, so that a broker away for
     * long ends each wait with Kafka's own timeout, a transient failure, before Axon interrupts the thread.
     */
    @Bean(destroyMethod = "close")
    KafkaEventPublisher kafkaEventPublisher(KafkaProperties kafka, CloudEventCodec codec,
                                            @Value("${treaty.service.name}") String serviceName,
                                            @Value("${treaty.kafka.publisher.ack-timeout:PT30S}") Duration ackTimeout,
                                            ObjectProvider<TimeoutProperties> axonTimeouts, TokenStore tokenStore,
                                            TransparencyLog log, MeterRegistry meters) {
        PublisherWaits waits = publisherWaits(ackTimeout, axonTimeouts.getIfAvailable());
        if (!waits.ack().equals(ackTimeout) || !waits.send().equals(ackTimeout)) {
            LOG.info("Kafka publisher: a call blocks at most {} and a record waits at most {} for delivery,"
                    + " within Axon's handler and batch timeouts", waits.send(), waits.ack());
        }
        return new KafkaEventPublisher(publisherProducers(kafka.buildProducerProperties(), waits),
                new MicrometerProducerListener<>(meters), tokenStore, serviceName, topicOf(serviceName), codec,
                eventIds -> log.awaitIndexes(eventIds, waits.send()), waits.send(), meters);
    }

    /** The publisher's producers, each with its transactional id, on the given connection settings. */
    static Function<String, Producer<String, byte[]>> publisherProducers(Map<String, Object> connection,
                                                                         PublisherWaits waits) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, waits.send().toMillis());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) waits.ack().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, waits.ack().minus(LINGER).toMillis()));
        return transactionalId -> {
            Map<String, Object> own = new HashMap<>(config);
            own.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            own.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
            return new KafkaProducer<>(own);
        };
    }

    /**
     * The publisher's segments split the store by State, not by stream: a State's record key names its partition,
     * and its events reach it in store order only if one segment publishes all of them (reporting keeps a State's
     * stockpiles and land release in separate streams, which two segments would publish side by side).
     */
    @Bean
    ConfigurerModule publisherSequencedByState(MongoDatabase serviceDatabase) {
        return configurer -> {
            configurer.eventProcessing().registerSequencingPolicy(KafkaEventPublisher.PROCESSING_GROUP,
                    configuration -> KafkaEventPublisher::stateOf);
            // Before the processors start (a later phase): tokens kept while segments split by stream are aligned.
            configurer.onInitialize(configuration -> configuration.onStart(Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS,
                    () -> PublisherSegmentsByState.alignTokensOnce(serviceDatabase,
                            configuration.getComponent(TokenStore.class))));
        };
    }

    /** The publisher's waits within Axon's timeouts of event handlers and of its processor's batches, if any. */
    static PublisherWaits publisherWaits(Duration ackTimeout, TimeoutProperties axon) {
        if (axon == null || !axon.isEnabled()) {
            return PublisherWaits.within(ackTimeout, -1, -1);
        }
        TaskTimeoutSettings batch = axon.getTransaction().getEventProcessor().getOrDefault(
                KafkaEventPublisher.PROCESSING_GROUP, axon.getTransaction().getEventProcessors());
        return PublisherWaits.within(ackTimeout, axon.getHandler().getEvents().getTimeoutMs(), batch.getTimeoutMs());
    }

    @Bean
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    KafkaInbox kafkaInbox(MongoDatabase serviceDatabase, CloudEventCodec codec, List<InboundEventHandler> handlers,
                          InboxDeadLetters inboxDeadLetters, InboxFailures inboxFailures, MeterRegistry meters) {
        return new KafkaInbox(serviceDatabase, codec, handlers, inboxDeadLetters, inboxFailures, meters);
    }

    @Bean
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    InboxFailures inboxFailures(MongoDatabase serviceDatabase) {
        return new InboxFailures(serviceDatabase);
    }

    /** The inbox in the operator's view: stuck partitions and the consumer group's lag. */
    @Bean
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    InboxHealthSource inboxHealthSource(@Value("${treaty.service.name}") String serviceName,
                                        InboxFailures inboxFailures, KafkaProperties kafka) {
        return new InboxHealthSource(serviceName, inboxGroup(serviceName), inboxFailures,
                () -> Admin.create(kafka.buildAdminProperties()));
    }

    /** The inbox's consumer group: one per service, shared by its instances. */
    static String inboxGroup(String serviceName) {
        return serviceName + "-service";
    }

    /**
     * {@code treaty.inbox.retrying}: partitions of the inbox stuck on a failing record, on any instance; and
     * {@code treaty.inbox.retrying.seconds}: how long the oldest of them has been (0 when none). Which record and
     * why are in health ({@code inbox}) and {@link InboxFailures#current()}.
     */
    @Bean
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    MeterBinder inboxMeters(InboxFailures inboxFailures) {
        return registry -> {
            Gauge.builder("treaty.inbox.retrying", inboxFailures, f -> f.current().size())
                    .description("partitions of the inbox stuck on a failing record, on any instance")
                    .register(registry);
            Gauge.builder("treaty.inbox.retrying.seconds", inboxFailures, f -> f.current().stream().findFirst()
                            .map(oldest -> Duration.between(oldest.since(), Instant.now()).toMillis() / 1000.0)
                            .orElse(0.0))
                    .description("how long the oldest stuck partition of the inbox has been failing")
                    .register(registry);
        };
    }

    /**
     * {@code inbox}: DOWN while a partition of the inbox is stuck on a failing record, naming the record, the error
     * and since when. Not part of readiness (the service and its MongoDB): the service still answers.
     */
    @Bean("inboxHealthIndicator")
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    HealthIndicator inboxHealthIndicator(InboxFailures inboxFailures) {
        return () -> {
            List<InboxFailures.Failure> failing = inboxFailures.current();
            Map<String, String> details = new LinkedHashMap<>();
            failing.forEach(f -> details.put(f.topic() + "-" + f.partition(), "offset " + f.offset() + " (event "
                    + f.eventId() + ", " + f.key() + ") failing since " + f.since() + ", " + f.attempts()
                    + (f.retried() ? " attempts, retried: " : " attempts: ") + f.error() + " [" + f.instance() + "]"));
            return (failing.isEmpty() ? Health.up() : Health.down()).withDetail("failing", details).build();
        };
    }

    /**
     * The inbox's consumer (group = the service), with {@code treaty.kafka.inbox.session-timeout} (15 s): how long
     * a silent instance keeps its partitions. Its error handler keeps the offset on a failed record: a transient
     * failure is retried with exponential back-off (0.5 s doubling to 30 s) for as long as it lasts; a poison record
     * goes straight to the inbox's dead letters, and its offset is committed once it is stored there; a record that
     * turns from one to the other is classified again. Anything else the container meets is retried.
     */
    @Bean
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    ConcurrentMessageListenerContainer<String, byte[]> inboxContainer(
            KafkaProperties kafka, KafkaInbox kafkaInbox,
            @Value("${treaty.service.name}") String serviceName,
            @Value("${treaty.kafka.consume}") List<String> consumed,
            @Value("${treaty.kafka.inbox.session-timeout:PT15S}") Duration sessionTimeout, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, inboxGroup(serviceName));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Committed batches of the publishers only: never a record of a batch aborted or fenced (KafkaEventPublisher).
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // An instance that dies or freezes gives its partitions up after 15 s, not Kafka's 45; and a rebalance moves
        // only the partitions that change hands, so the other instance goes on with its own meanwhile.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        ContainerProperties properties = new ContainerProperties(
                consumed.stream().map(EventTopicsAutoConfiguration::topicOf).toArray(String[]::new));
        properties.setMessageListener(kafkaInbox);
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        // A transaction's commit marker takes an offset after its last record: committing the consumer's position
        // there, not the last record's, lets the group's lag reach zero once it has read everything.
        properties.setFixTxOffsets(true);
        // What a later poll reads past the last record (an aborted transaction, a marker) is committed once the
        // partition goes quiet (InboxPositions).
        properties.setIdlePartitionEventInterval(QUIET_PARTITION.toMillis());
        properties.setConsumerRebalanceListener(kafkaInbox.rebalanceListener());
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config);
        // kafka.consumer.* meters, records-lag among them: how far the inbox is behind each partition.
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
                consumers, properties);
        ExponentialBackOff whileTransient = new ExponentialBackOff(500, 2.0);
        whileTransient.setMaxInterval(30_000);
        DefaultErrorHandler errors = new DefaultErrorHandler(kafkaInbox.recoverer(), whileTransient);
        // The inbox says by class whether a record's failure is transient (retried with back-off) or poison
        // (recovered at once); a record whose failure changes class starts afresh, classified by the new one.
        errors.addRetryableExceptions(InboxRecordFailure.Transient.class);
        errors.addNotRetryableExceptions(InboxRecordFailure.Poison.class);
        errors.setResetStateOnExceptionChange(true);
        errors.setCommitRecovered(true);
        container.setCommonErrorHandler(errors);
        container.setBeanName(serviceName + "-inbox");
        return container;
    }

    @Bean
    @ConditionalOnExpression("'${treaty.kafka.consume:}' != ''")
    InboxPositions inboxPositions(ConcurrentMessageListenerContainer<String, byte[]> inboxContainer) {
        return new InboxPositions(inboxContainer);
    }

    /** In /actuator/health, not in readiness: a service whose Kafka is down still takes writes (decision 0018). */
    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return () -> {
            try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                        .nodes().get(4, TimeUnit.SECONDS).size();
                return Health.up().withDetail("nodes", nodes).build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }
}
