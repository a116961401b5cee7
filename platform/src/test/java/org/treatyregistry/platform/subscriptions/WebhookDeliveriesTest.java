package org.treatyregistry.platform.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.platform.SettableClock;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.platform.subscriptions.WebhookReceiver.Received;

/**
 * Deliveries from the outbox to a real HTTP receiver on loopback that verifies every signature on its own: each
 * subscription's events of a State in store order, one at a time, other States not held up by a failing one, the
 * Standard Webhooks retry schedule and Retry-After, 410 disabling, a rotated secret signing beside the new one.
 */
class WebhookDeliveriesTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T12:00:00Z"));
    /** Runs each delivery on the pass's own thread, so a pass is over when it returns. */
    private final ExecutorService inline = new AbstractExecutorService() {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    };

    private MongoClient client;
    private MongoDatabase database;
    private WebhookReceiver receiver;
    private Subscriptions subscriptions;
    private WebhookOutbox outbox;
    private WebhookDeliveries deliveries;
    private String signingKey;

    @BeforeEach
    void start() throws Exception {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("webhooks-" + UUID.randomUUID());
        receiver = new WebhookReceiver();
        subscriptions = new Subscriptions(database, clock);
        outbox = new WebhookOutbox(database, subscriptions, new CloudEventCodec(new ObjectMapper()
                .findAndRegisterModules(), "registry"), clock);
        signingKey = WebhookSignatures.newSigningKey();
        deliveries = new WebhookDeliveries(database, subscriptions, outbox, receivers(true), WebhookSignatures
                .signingKey(signingKey), clock);
    }

    @AfterEach
    void stop() {
        receiver.close();
        database.drop();
        client.close();
    }

    private static Receivers receivers(boolean allowLoopback) {
        return new Receivers("treaty-registry-test", allowLoopback, false);
    }

    private Subscriptions.Subscription subscribe(Set<String> states) {
        Subscriptions.Subscription subscription = subscriptions.create("ingest-1", receiver.url(),
                new Subscriptions.Selection(true, Set.of(), states, Set.of(), Alerts.DEFAULT_DAYS_AHEAD), 0);
        subscriptions.activate(subscription.id());
        receiver.trust(subscription.signingSecrets(clock.instant()), WebhookSignatures.publicKey(WebhookSignatures
                .publicKeyOf(signingKey)));
        return subscription;
    }

    private static DomainEventMessage<InstrumentDeposited> event(String iso3, long sequence) {
        return new GenericDomainEventMessage<>("StateParticipation", iso3, sequence, new InstrumentDeposited(iso3,
                iso3, InstrumentType.RATIFICATION, "1999-12-27", null, LocalDate.of(2005, 12, 27), false,
                iso3 + "-" + sequence));
    }

    private void queue(DomainEventMessage<InstrumentDeposited> event, long position) {
        subscriptions.receiving().forEach(s -> outbox.queue(event, event.getPayload(), position, s));
    }

    private void later(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void aStatesDeliveriesWaitForItsFailedOneWhileOtherStatesGoOn() {
        Subscriptions.Subscription subscription = subscribe(Set.of());
        queue(event("UKR", 0), 1);
        queue(event("FRA", 0), 2);
        queue(event("UKR", 1), 3);
        receiver.answer(event -> event.path("position").asLong() == 1 && receiver.received().isEmpty() ? 500 : 204);

        deliveries.pass(inline);
        deliveries.pass(inline);
        assertThat(receiver.received()).extracting(Received::position, Received::answered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 500), org.assertj.core.groups.Tuple.tuple(
                        2L, 204));

        later(Duration.ofSeconds(6)); // the schedule's second attempt: 5 s, with at most 10 % jitter
        deliveries.pass(inline);
        deliveries.pass(inline);
        assertThat(receiver.received()).extracting(Received::position).containsExactly(1L, 2L, 1L, 3L);
        assertThat(receiver.received()).allMatch(r -> r.v1Valid() && r.v1aValid(), "signed, both ways");
        assertThat(deliveries.queued(subscription.id())).isZero();
        assertThat(deliveries.log(subscription.id(), 10)).extracting(d -> d.getString("outcome"))
                .filteredOn(o -> o.startsWith("failed")).hasSize(1);
        assertThat(subscriptions.find(subscription.id()).orElseThrow().failingSince()).isNull();
    }

    @Test
    void aStatesNextDeliveryFollowsTheOneBeforeWithoutWaitingForAPass() {
        subscribe(Set.of());
        for (int sequence = 0; sequence < 5; sequence++) {
            queue(event("UKR", sequence), sequence + 1);
        }
        receiver.answer(event -> 204);

        deliveries.pass(inline);

        assertThat(receiver.received()).extracting(Received::position).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aStateThatAnotherSenderHoldsInPartIsLeftToItUntilItsLeaseRunsOut() {
        subscribe(Set.of());
        for (int sequence = 0; sequence < 3; sequence++) {
            queue(event("UKR", sequence), sequence + 1);
        }
        database.getCollection(WebhookOutbox.COLLECTION).updateOne(new Document("position", 2L), new Document("$set",
                new Document("leaseUntil", java.util.Date.from(clock.instant().plusSeconds(30))).append("leasedBy",
                        "another instance")));
        receiver.answer(event -> 204);

        deliveries.pass(inline);
        assertThat(receiver.received()).as("nothing while another sender holds part of the State").isEmpty();
        assertThat(database.getCollection(WebhookOutbox.COLLECTION).countDocuments(new Document("leasedBy",
                "another instance"))).isEqualTo(1);

        later(Duration.ofSeconds(31));
        deliveries.pass(inline);
        assertThat(receiver.received()).extracting(Received::position).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theDeliveryLogKeepsThirtyDays() {
        Subscriptions.Subscription subscription = subscribe(Set.of());
        receiver.answer(event -> 204);
        queue(event("UKR", 0), 1);
        deliveries.pass(inline);
        later(Duration.ofDays(20));
        queue(event("UKR", 1), 2);
        deliveries.pass(inline);

        later(Duration.ofDays(11));
        assertThat(deliveries.prune()).isEqualTo(1);
        assertThat(deliveries.log(subscription.id(), 10)).extracting(d -> ((Number) d.get("position")).longValue())
                .as("the attempt of 11 days ago, not that of 31").containsExactly(2L);
    }

    @Test
    void aReceiverDownForAnHourGetsEveryEventOnceBackEachStateInOrder() {
        subscribe(Set.of());
        receiver.answer(event -> 503);
        long position = 0;
        for (int minute = 0; minute < 60; minute += 5) {
            queue(event("UKR", minute), ++position);
            queue(event("FRA", minute), ++position);
            deliveries.pass(inline);
            later(Duration.ofMinutes(5));
        }
        int refused = receiver.received().size();
        receiver.answer(event -> 204);
        for (int minute = 0; minute < 125; minute++) { // the schedule's next attempt after 30 min, 2 h: within 2 h
            deliveries.pass(inline);
            later(Duration.ofMinutes(1));
        }

        List<Received> delivered = receiver.received().subList(refused, receiver.received().size());
        assertThat(delivered).extracting(Received::answered).containsOnly(204);
        assertThat(delivered).hasSize(24);
        for (String state : List.of("UKR", "FRA")) {
            assertThat(delivered).filteredOn(r -> r.subject().equals(state)).extracting(Received::position)
                    .as(state + "'s in store order").isSorted().hasSize(12);
        }
        assertThat(receiver.received().subList(0, refused)).extracting(Received::position)
                .as("while down, only each State's first was tried").containsOnly(1L, 2L);
    }

    @Test
    void aReceiverThatAsksToWaitIsNotAskedAgainSooner() {
        Subscriptions.Subscription subscription = subscribe(Set.of());
        queue(event("UKR", 0), 1);
        receiver.answer(event -> receiver.received().isEmpty() ? 503 : 204); // 503 comes with Retry-After: 120

        deliveries.pass(inline);
        later(Duration.ofSeconds(60));
        deliveries.pass(inline);
        assertThat(receiver.received()).hasSize(1);
        assertThat(subscriptions.find(subscription.id()).orElseThrow().failingSince()).isNotNull();

        later(Duration.ofSeconds(61));
        deliveries.pass(inline);
        assertThat(receiver.received()).extracting(Received::answered).containsExactly(503, 204);
    }

    @Test
    void goneDisablesTheSubscriptionAndKeepsItsDeliveriesQueued() {
        Subscriptions.Subscription subscription = subscribe(Set.of());
        queue(event("UKR", 0), 1);
        receiver.answer(event -> 410);

        deliveries.pass(inline);
        later(Duration.ofHours(1));
        deliveries.pass(inline);

        assertThat(receiver.received()).hasSize(1);
        Subscriptions.Subscription disabled = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(disabled.status()).isEqualTo(Subscriptions.Subscription.DISABLED);
        assertThat(disabled.disabledBecause()).contains("410");
        assertThat(deliveries.queued(subscription.id())).isEqualTo(1);
    }

    @Test
    void theOwnersOtherSubscriptionsAreToldWhenOneIsDisabled() {
        Subscriptions.Subscription failing = subscribe(Set.of("UKR"));
        subscribe(Set.of("FRA"));
        queue(event("UKR", 0), 1);
        receiver.answer(event -> WebhookOutbox.SUBSCRIPTION_DISABLED.equals(event.path("type").asText()) ? 204 : 410);

        deliveries.pass(inline);
        deliveries.pass(inline);

        assertThat(receiver.received()).extracting(Received::subject, Received::answered).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UKR", 410), org.assertj.core.groups.Tuple.tuple(failing.id(),
                        204));
        assertThat(receiver.received().get(1).v1Valid()).as("signed with the other subscription's secret").isTrue();
    }

    @Test
    void aSubscriptionFailingForFiveDaysIsDisabled() {
        Subscriptions.Subscription subscription = subscribe(Set.of());
        queue(event("UKR", 0), 1);
        receiver.answer(event -> 500);
        for (int day = 0; day < 6 && subscriptions.find(subscription.id()).orElseThrow().status()
                .equals(Subscriptions.Subscription.ACTIVE); day++) {
            for (int hour = 0; hour < 24; hour++) {
                deliveries.pass(inline);
                later(Duration.ofHours(1));
            }
        }
        Subscriptions.Subscription disabled = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(disabled.status()).isEqualTo(Subscriptions.Subscription.DISABLED);
        assertThat(disabled.disabledBecause()).startsWith("deliveries failing since 2026-12-07T12:00:00Z");
        // immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then every 24 h: 12 within 5 days
        assertThat(receiver.received()).hasSizeBetween(11, 12);
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneUntilItExpires() {
        Subscriptions.Subscription subscription = subscribe(Set.of());
        List<String> old = subscription.signingSecrets(clock.instant());
        Subscriptions.Subscription rotated = subscriptions.rotate(subscription, Duration.ofHours(24));
        String fresh = rotated.secrets().get(0).secret();
        assertThat(rotated.signingSecrets(clock.instant())).containsExactlyInAnyOrder(old.get(0), fresh);

        receiver.trust(old, WebhookSignatures.publicKey(WebhookSignatures.publicKeyOf(signingKey)));
        queue(event("UKR", 0), 1);
        deliveries.pass(inline);
        assertThat(receiver.received()).singleElement().matches(Received::v1Valid, "verified by the old secret");

        later(Duration.ofHours(25));
        queue(event("UKR", 1), 2);
        deliveries.pass(inline);
        assertThat(receiver.received().get(1).v1Valid()).as("the old secret, expired").isFalse();
        receiver.trust(List.of(fresh), WebhookSignatures.publicKey(WebhookSignatures.publicKeyOf(signingKey)));
        queue(event("UKR", 2), 3);
        deliveries.pass(inline);
        assertThat(receiver.received().get(2).v1Valid()).as("the new secret").isTrue();
    }

    @Test
    void queuesOnlyWhatASubscriptionSelects() {
        Subscriptions.Subscription ukraine = subscribe(Set.of("UKR"));
        queue(event("FRA", 0), 1);
        queue(event("UKR", 0), 2);
        deliveries.pass(inline);
        assertThat(receiver.received()).extracting(Received::subject).containsExactly("UKR");
        assertThat(database.getCollection(WebhookDeliveries.LOG_COLLECTION).countDocuments(new Document(
                "subscription", ukraine.id()))).isEqualTo(1);
    }

    @Test
    void theHandshakeNeedsTheReceiversConsent() {
        assertThat(receivers(true).handshake(receiver.url())).isEmpty();
        receiver.allowOrigin(false);
        assertThat(receivers(true).handshake(receiver.url())).hasValueSatisfying(why -> assertThat(why)
                .contains("WebHook-Allowed-Origin: treaty-registry-test"));
    }

    @Test
    void refusesReceiversInsideTheNetworkUnlessTheOperatorAllowsThem() {
        assertThat(receivers(false).refusal(receiver.url())).hasValueSatisfying(why -> assertThat(why)
                .contains("loopback"));
        assertThat(receivers(true).refusal(receiver.url())).isEmpty();
        assertThat(receivers(true).refusal(URI.create("http://10.1.2.3/hook"))).hasValueSatisfying(why ->
                assertThat(why).contains("https://"));
        assertThat(receivers(true).refusal(URI.create("https://10.1.2.3/hook"))).hasValueSatisfying(why ->
                assertThat(why).contains("private network"));
        assertThat(receivers(true).refusal(URI.create("https://169.254.169.254/latest/meta-data")))
                .isPresent();
        assertThat(new Receivers("o", false, true).refusal(URI.create("https://10.1.2.3/hook"))).isEmpty();
        assertThat(receivers(true).refusal(URI.create("ftp://127.0.0.1/hook"))).as("loopback, but not HTTP")
                .hasValueSatisfying(why -> assertThat(why).contains("http(s)"));
    }
}
