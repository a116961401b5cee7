package org.treatyregistry.platform.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.SettableClock;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.alerts.AlertSource;
import org.treatyregistry.platform.alerts.AlertsAsked;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * Alerts queued for subscribers: each once, on its day, a new subscriber told of warnings whose dates are still
 * ahead but not of what fired before it subscribed, and a retraction when a correction moved an alert's date. The
 * record is a list of alerts the test changes, as a correction would.
 */
class WebhookAlertsTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final LocalDate SUBSCRIBED = LocalDate.of(2026, 12, 1);

    /** Lithuania's withdrawal (notified 27 June 2025) took effect six months later (Art. 20.2). */
    private static final Alert LITHUANIA = Alerts.alert(Alerts.Kind.WITHDRAWAL_TAKES_EFFECT, "LTU",
            LocalDate.of(2026, 12, 27), LocalDate.of(2026, 12, 27), null, "Art. 20: takes effect", List.of("e1"));

    private final List<Alert> record = new CopyOnWriteArrayList<>();
    private final SettableClock clock = new SettableClock(SUBSCRIBED.atStartOfDay().toInstant(ZoneOffset.UTC));
    private MongoClient client;
    private MongoDatabase database;
    private Subscriptions subscriptions;
    private WebhookAlerts alerts;

    @BeforeEach
    void start() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("alerts-" + UUID.randomUUID());
        subscriptions = new Subscriptions(database, clock);
        CloudEventCodec codec = new CloudEventCodec(JSON, "registry");
        AlertSource source = new AlertSource() {
            @Override
            public Set<Alerts.Kind> kinds() {
                return EnumSet.allOf(Alerts.Kind.class);
            }

            @Override
            public Stream<Alert> firing(String iso3, AlertsAsked asked, Instant knownAt) {
                return Alerts.within(record, asked.from(), asked.to()).stream()
                        .filter(a -> a.daysAhead() == null || asked.daysAhead().contains(a.daysAhead()));
            }
        };
        alerts = new WebhookAlerts(database, subscriptions, new WebhookOutbox(database, subscriptions, codec, clock),
                source, codec, () -> 42, clock);
    }

    @AfterEach
    void stop() {
        database.drop();
        client.close();
    }

    private Subscriptions.Subscription subscribe(Set<String> states, Set<Alerts.Kind> kinds) {
        Set<String> names = new java.util.TreeSet<>();
        kinds.forEach(k -> names.add(k.name()));
        Subscriptions.Subscription subscription = subscriptions.create("auditor", URI.create("https://r.example/"),
                new Subscriptions.Selection(false, Set.of(), states, names, List.of(90, 30)), 0);
        subscriptions.activate(subscription.id());
        return subscriptions.find(subscription.id()).orElseThrow();
    }

    private void on(LocalDate day) {
        clock.set(day.atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    /** The queued entries' CloudEvents, in queuing order (the test's clock moves between queuings). */
    private List<JsonNode> queued() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Document entry : database.getCollection(WebhookOutbox.COLLECTION).find()
                .sort(com.mongodb.client.model.Sorts.ascending("queuedAt"))) {
            events.add(JSON.readTree(entry.getString("body")));
        }
        return events;
    }

    @Test
    void anAlertIsQueuedOnceOnItsDayAndNotBefore() throws Exception {
        Subscriptions.Subscription subscription = subscribe(Set.of(), EnumSet.of(Alerts.Kind.WITHDRAWAL_TAKES_EFFECT));
        record.add(LITHUANIA);

        on(LocalDate.of(2026, 12, 26));
        assertThat(alerts.queue(subscription)).isZero();

        on(LocalDate.of(2026, 12, 27));
        assertThat(alerts.queue(subscription)).isEqualTo(1);
        assertThat(alerts.queue(subscription)).as("once").isZero();
        database.getCollection(WebhookOutbox.COLLECTION).deleteMany(new Document()); // delivered
        on(LocalDate.of(2026, 12, 28));
        assertThat(alerts.queue(subscription)).as("once, also after its delivery").isZero();

        on(LocalDate.of(2026, 12, 27));
        database.getCollection(WebhookAlerts.COLLECTION).deleteMany(new Document());
        alerts.queue(subscription);
        JsonNode event = queued().get(0);
        assertThat(event.path("type").asText()).isEqualTo("org.treatyregistry.alert.WithdrawalTakesEffect");
        assertThat(event.path("subject").asText()).isEqualTo("LTU");
        assertThat(event.path("time").asText()).isEqualTo("2026-12-27T00:00:00Z");
        assertThat(event.path("data").path("rule").asText()).isEqualTo("Art. 20: takes effect");
        assertThat(event.path("data").path("restsOn").get(0).asText()).isEqualTo("e1");
    }

    @Test
    void aNewSubscriberHearsOfWarningsOfDatesStillAheadButNotOfWhatFiredBefore() throws Exception {
        LocalDate deadline = SUBSCRIBED.plusDays(60);
        record.add(Alerts.alert(Alerts.Kind.ARTICLE_5_DEADLINE_APPROACHING, "BIH", deadline.minusDays(90), deadline,
                90, "Art. 5: 90 days", List.of("e2")));
        record.add(Alerts.alert(Alerts.Kind.ENTRY_INTO_FORCE_REACHED, "TUV", LocalDate.of(2011, 9, 1),
                LocalDate.of(2011, 9, 1), null, "Art. 17", List.of("e3")));
        record.add(Alerts.alert(Alerts.Kind.ARTICLE_5_DEADLINE_PASSED, "ERI", SUBSCRIBED.minusDays(10),
                SUBSCRIBED.minusDays(11), null, "Art. 5: passed", List.of("e4")));
        Subscriptions.Subscription subscription = subscribe(Set.of(), EnumSet.allOf(Alerts.Kind.class));

        on(SUBSCRIBED);
        assertThat(alerts.queue(subscription)).isEqualTo(1);
        assertThat(queued()).extracting(e -> e.path("subject").asText()).containsExactly("BIH");

        on(deadline.minusDays(30));
        record.add(Alerts.alert(Alerts.Kind.ARTICLE_5_DEADLINE_APPROACHING, "BIH", deadline.minusDays(30), deadline,
                30, "Art. 5: 30 days", List.of("e2")));
        assertThat(alerts.queue(subscription)).as("the 30-day warning, on its day").isEqualTo(1);
    }

    @Test
    void onlyTheKindsAndStatesASubscriptionAsksFor() throws Exception {
        Subscriptions.Subscription subscription = subscribe(Set.of("UKR"),
                EnumSet.of(Alerts.Kind.ARTICLE_5_DEADLINE_PASSED));
        on(SUBSCRIBED.plusDays(1));
        record.add(Alerts.alert(Alerts.Kind.ARTICLE_5_DEADLINE_PASSED, "UKR", SUBSCRIBED.plusDays(1), SUBSCRIBED,
                null, "Art. 5: passed", List.of("e5")));
        record.add(Alerts.alert(Alerts.Kind.ARTICLE_5_DEADLINE_PASSED, "SRB", SUBSCRIBED.plusDays(1), SUBSCRIBED,
                null, "Art. 5: passed", List.of("e6")));
        record.add(Alerts.alert(Alerts.Kind.ARTICLE_4_DEADLINE_PASSED, "UKR", SUBSCRIBED.plusDays(1), SUBSCRIBED,
                null, "Art. 4: passed", List.of("e7")));

        assertThat(alerts.queue(subscription)).isEqualTo(1);
        assertThat(queued()).extracting(e -> e.path("type").asText() + " " + e.path("subject").asText())
                .containsExactly("org.treatyregistry.alert.Article5DeadlinePassed UKR");
    }

    @Test
    void aCorrectionThatMovesTheDateRetractsTheAlertSentAndTheNewOneFiresOnItsDay() throws Exception {
        Subscriptions.Subscription subscription = subscribe(Set.of(), EnumSet.of(Alerts.Kind.WITHDRAWAL_TAKES_EFFECT));
        record.add(LITHUANIA);
        on(LITHUANIA.firesOn());
        alerts.queue(subscription);

        // The notice's receipt corrected: the withdrawal takes effect a week later.
        on(LITHUANIA.firesOn().plusDays(1));
        record.clear();
        Alert corrected = Alerts.alert(Alerts.Kind.WITHDRAWAL_TAKES_EFFECT, "LTU", LocalDate.of(2027, 1, 3),
                LocalDate.of(2027, 1, 3), null, "Art. 20: takes effect", List.of("e1", "e8"));
        record.add(corrected);
        assertThat(alerts.queue(subscription)).isEqualTo(1);
        assertThat(alerts.queue(subscription)).as("retracted once").isZero();
        JsonNode retraction = queued().get(1);
        assertThat(retraction.path("type").asText()).isEqualTo(WebhookAlerts.RETRACTED);
        assertThat(retraction.path("data").path("alert").asText()).isEqualTo(LITHUANIA.id());
        assertThat(retraction.path("data").path("alertEvent").asText()).isEqualTo(queued().get(0).path("id")
                .asText());

        on(corrected.firesOn());
        assertThat(alerts.queue(subscription)).isEqualTo(1);
        assertThat(queued().get(2).path("data").path("date").asText()).isEqualTo("2027-01-03");
        assertThat(alerts.sent(subscription.id(), 10)).extracting(Alert::id).containsExactly(corrected.id(),
                LITHUANIA.id());
    }
}
