package org.treatyregistry.platform.subscriptions;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.treatyregistry.platform.alerts.AlertSource;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.platform.kafka.KafkaEventPublisher;
import org.treatyregistry.platform.operations.NotReplayable;

/**
 * Webhook subscriptions in every service: the outbox processor, the senders on every instance, and the API.
 * Receivers on loopback ({@code treaty.subscriptions.allow-loopback}) and on private addresses
 * ({@code treaty.subscriptions.allow-private}) are refused unless the operator allows them. The {@code v1a}
 * signing key is {@code treaty.subscriptions.signing-key} ({@code whsk_...}), or else one made once and kept in the
 * service's MongoDB, the same for all its instances.
 */
@AutoConfiguration
@ConditionalOnProperty("treaty.service.name")
public class SubscriptionsAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsAutoConfiguration.class);
    private static final String KEYS = "subscription_keys";

    @Bean
    Subscriptions subscriptions(MongoDatabase serviceDatabase, ObjectProvider<Clock> clock) {
        return new Subscriptions(serviceDatabase, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    Receivers receivers(@Value("${treaty.service.name}") String service,
                        @Value("${treaty.subscriptions.origin:}") String origin,
                        @Value("${treaty.subscriptions.allow-loopback:false}") boolean allowLoopback,
                        @Value("${treaty.subscriptions.allow-private:false}") boolean allowPrivate) {
        return new Receivers(origin.isBlank() ? "treaty-registry-" + service : origin, allowLoopback, allowPrivate);
    }

    @Bean
    WebhookOutbox webhookOutbox(MongoDatabase serviceDatabase, Subscriptions subscriptions, CloudEventCodec codec,
                                ObjectProvider<Clock> clock) {
        return new WebhookOutbox(serviceDatabase, subscriptions, codec, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    NotReplayable webhookOutboxIsNotReplayed() {
        return new NotReplayable(WebhookOutbox.PROCESSING_GROUP, "a replay would send every subscription every "
                + "event it selects again; a subscriber replays a range of its own subscription instead "
                + "(POST /api/{service}/subscriptions/{id}/replay)");
    }

    /**
     * A State's events are queued by one segment, in store order, whichever of its streams each is in. A new outbox
     * starts at the store's head: no subscription can select what was stored before it existed (a subscription made
     * from a past position queues that range itself).
     */
    @Bean
    ConfigurerModule webhookOutboxSequencedByState() {
        return configurer -> {
            configurer.eventProcessing().registerSequencingPolicy(WebhookOutbox.PROCESSING_GROUP,
                    configuration -> KafkaEventPublisher::stateOf);
            configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                    WebhookOutbox.PROCESSING_GROUP,
                    (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
        };
    }

    @Bean
    WebhookDeliveries webhookDeliveries(MongoDatabase serviceDatabase, Subscriptions subscriptions,
                                        WebhookOutbox outbox, Receivers receivers,
                                        @Value("${treaty.subscriptions.signing-key:}") String signingKey,
                                        ObjectProvider<Clock> clock) {
        PrivateKey key = WebhookSignatures.signingKey(signingKey(serviceDatabase, signingKey));
        return new WebhookDeliveries(serviceDatabase, subscriptions, outbox, receivers, key,
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** In a service whose record gives alerts. */
    @Bean
    @ConditionalOnBean(AlertSource.class)
    WebhookAlerts webhookAlerts(MongoDatabase serviceDatabase, Subscriptions subscriptions, WebhookOutbox outbox,
                                AlertSource source, CloudEventCodec codec, EventStorageEngine engine,
                                ObjectProvider<Clock> clock) {
        return new WebhookAlerts(serviceDatabase, subscriptions, outbox, source, codec,
                ((MongoEventStorageEngine) engine)::headPosition, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The operator's key, or the one kept in the service's MongoDB (made by the first instance that needs it). */
    static String signingKey(MongoDatabase database, String configured) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        MongoCollection<Document> keys = database.getCollection(KEYS);
        Document kept = keys.find(eq("_id", "v1a")).first();
        if (kept == null) {
            try {
                keys.insertOne(new Document("_id", "v1a").append("key", WebhookSignatures.newSigningKey()));
            } catch (MongoWriteException e) {
                // Another instance made it first: that one is the service's.
                LOG.debug("the webhook signing key was made by another instance", e);
            }
            kept = keys.find(eq("_id", "v1a")).first();
        }
        return kept.getString("key");
    }

    /**
     * Every instance sends, five times a second, on up to eight connections at once, and queues the alerts that fired
     * once a minute (an alert fires on its day; a minute keeps a correction's retraction close behind it); the
     * delivery log is pruned hourly.
     */
    @Bean
    SmartLifecycle webhookSenders(WebhookDeliveries deliveries, ObjectProvider<WebhookAlerts> alerts) {
        return new SmartLifecycle() {
            private ScheduledExecutorService passes;
            private ExecutorService senders;

            @Override
            public void start() {
                senders = Executors.newFixedThreadPool(8, daemon("webhook-sender"));
                passes = Executors.newSingleThreadScheduledExecutor(daemon("webhook-passes"));
                passes.scheduleWithFixedDelay(() -> {
                    try {
                        deliveries.pass(senders);
                    } catch (RuntimeException e) {
                        // Nothing is lost: every entry stays queued until it was delivered.
                        LOG.warn("A pass over the webhook outbox failed; the next one tries again: {}", e.toString());
                    }
                }, 200, 200, TimeUnit.MILLISECONDS);
                passes.scheduleWithFixedDelay(() -> {
                    try {
                        deliveries.prune();
                    } catch (RuntimeException e) {
                        LOG.warn("Pruning the webhook delivery log failed; the next run tries again: {}", e.toString());
                    }
                }, 1, 60, TimeUnit.MINUTES);
                alerts.ifAvailable(queue -> passes.scheduleWithFixedDelay(() -> {
                    try {
                        queue.queueAll();
                    } catch (RuntimeException e) {
                        // Nothing is lost: what was not noted as sent is queued by the next run.
                        LOG.warn("Queuing the alerts that fired failed; the next run tries again: {}", e.toString());
                    }
                }, 5, 60, TimeUnit.SECONDS));
            }

            @Override
            public void stop() {
                passes.shutdownNow();
                senders.shutdownNow();
                passes = null;
            }

            @Override
            public boolean isRunning() {
                return passes != null;
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Api {

        @Bean
        Feeds feeds(EventStorageEngine engine, ObjectMapper json) {
            return new Feeds((MongoEventStorageEngine) engine, json);
        }

        @Bean
        FeedsController feedsController(Feeds feeds, @Value("${treaty.service.name}") String service) {
            return new FeedsController(feeds, service);
        }

        @Bean
        SubscriptionsController subscriptionsController(Subscriptions subscriptions, Receivers receivers,
                                                        WebhookOutbox outbox, WebhookDeliveries deliveries,
                                                        ObjectProvider<WebhookAlerts> alerts,
                                                        EventStorageEngine engine, Feeds feeds,
                                                        MongoDatabase serviceDatabase,
                                                        @Value("${treaty.subscriptions.signing-key:}") String key,
                                                        @Value("${treaty.service.name}") String service) {
            return new SubscriptionsController(subscriptions, receivers, outbox, deliveries,
                    Optional.ofNullable(alerts.getIfAvailable()), (MongoEventStorageEngine) engine, feeds,
                    WebhookSignatures.publicKeyOf(signingKey(serviceDatabase, key)), service);
        }
    }
}
