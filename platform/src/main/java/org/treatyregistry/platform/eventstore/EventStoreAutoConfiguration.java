package org.treatyregistry.platform.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.treatyregistry.platform.instances.ServiceLock;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * The event store of a service: the gap-free {@link MongoEventStorageEngine} in the service's own database,
 * Axon's tracking tokens next to it, and pooled streaming processors for every projection. Declared here
 * rather than through the Mongo extension's starter, which backs off silently once another Axon module has
 * registered an event bus (see docs/decisions/0002).
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration"})
@ConditionalOnProperty("treaty.service.name")
public class EventStoreAutoConfiguration {

    /** Metadata key of the client-chosen id under which an integration posted a fact. */
    public static final String CLIENT_ID = "clientId";

    @Bean
    MongoDatabase serviceDatabase(MongoClient client, @Value("${spring.mongodb.uri}") String uri) {
        String database = new ConnectionString(uri).getDatabase();
        if (database == null) {
            throw new IllegalStateException("spring.mongodb.uri must name the service's database, e.g. "
                    + "mongodb://mongo:27017/registry; it was " + uri);
        }
        return client.getDatabase(database);
    }

    /** For work one instance at a time may do, such as loading the reference data. */
    @Bean
    ServiceLock serviceLock(MongoDatabase serviceDatabase) {
        return new ServiceLock(serviceDatabase);
    }

    /**
     * Readiness includes the service's database, checked with {@code ping}: Boot's own check sends {@code hello},
     * which mongo-java-server does not answer, so the local run would never be ready.
     */
    @Bean("mongoHealthContributor")
    HealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
        return () -> {
            try {
                serviceDatabase.runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", serviceDatabase.getName()).build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    /** Axon's serializer runs on Jackson 2 (Boot's own JSON is Jackson 3); dates as ISO strings. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    EventStorageEngine eventStorageEngine(MongoDatabase serviceDatabase,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer,
                                          @Value("${treaty.eventstore.gap-timeout:PT60S}") Duration gapTimeout,
                                          @Value("${treaty.service.name:#{null}}") String serviceName) {
        return MongoEventStorageEngine.builder()
                .database(serviceDatabase)
                .source(serviceName == null ? null : EventLeaf.sourceOf(serviceName))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .gapTimeout(gapTimeout)
                .build();
    }

    /**
     * Axon's event store, as its auto-configuration would build it, but with trackers that find nothing new
     * looking again after 100 ms instead of 1 s, and streams that wake the processors when events arrive: a fact
     * should reach Kafka, and the services that follow it, well within a second.
     */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnMissingBean(EventBus.class)
    WakingEventStore eventStore(EventStorageEngine storageEngine,
                                org.axonframework.config.Configuration configuration) {
        return WakingEventStore.of(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(100)
                .timeUnit(TimeUnit.MILLISECONDS));
    }

    /** Every processor's lag, as the metrics report it (the engine is this platform's, whatever test wraps it). */
    @Bean
    ProcessorLag processorLag(MongoDatabase serviceDatabase, Serializer serializer, EventStorageEngine engine) {
        return new ProcessorLag(serviceDatabase, serializer, ((MongoEventStorageEngine) engine)::headPosition);
    }

    /** Tokens live in MongoDB, claimed per segment, so two instances of a service share the work. */
    @Bean
    TokenStore tokenStore(MongoDatabase serviceDatabase, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build())
                .serializer(serializer)
                .build();
    }

    /** Who posted a command, and under which client id, travels onto the events it produced. */
    @Bean
    CorrelationDataProvider postingPrincipal() {
        return new SimpleCorrelationDataProvider(CloudEventCodec.PRINCIPAL, CLIENT_ID);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * Pooled streaming processors for every projection and the Kafka publisher: segments claimed through the
     * token store (so instances share the work), each State's events in order within its segment, and batches
     * of up to 100 events per unit of work. Two segments per processor, not Axon's sixteen: every segment stores
     * its token after each batch, and a token update is a scan of the token collection on mongo-java-server
     * (its compound index is not used); two is enough for two instances to share a processor. Claims are extended
     * every 2 s rather than Axon's 5: woken by the store (decision 0030), an idle coordinator runs only that often,
     * and an extension every 5 s at best and 10 s at worst would let a claim (10 s) lapse.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors(@Value("${treaty.eventstore.processor-batch-size:100}") int batchSize,
                                               @Value("${treaty.eventstore.segments:2}") int segments) {
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize)
                        .initialSegmentCount(segments).claimExtensionThreshold(2_000));
    }
}
