package org.treatyregistry.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.TestInfrastructure;

/**
 * The inbox never hides why a record failed: when a projection fails on a record and what the poll handled before
 * it cannot be remembered either, the projection's failure is the one thrown, for that record, with the other one
 * attached; an inbox that throws the second in place of the first classifies and reports the wrong failure.
 */
class KafkaInboxTest {

    private static final String TOPIC = "apmbc.test.events";

    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().findAndRegisterModules(), "test");
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("inbox-" + UUID.randomUUID());
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void aProjectionsFailureIsThrownForItsRecordEvenWhenTheRecordsBeforeItCannotBeRemembered() throws IOException {
        MongoCollection<Document> inbox = spy(database.getCollection(KafkaInbox.INBOX));
        MongoSocketWriteException unreachable = new MongoSocketWriteException("injected: MongoDB unreachable",
                new ServerAddress(), new IOException("injected"));
        doThrow(unreachable).when(inbox).insertMany(anyList(), any(InsertManyOptions.class));
        MongoDatabase failingInbox = mock(MongoDatabase.class);
        when(failingInbox.getCollection(anyString())).thenAnswer(i -> database.getCollection(i.getArgument(0)));
        when(failingInbox.getCollection(KafkaInbox.INBOX)).thenReturn(inbox);
        IllegalStateException bug = new IllegalStateException("injected: the handler cannot handle UKR#1");
        InboundEventHandler projection = event -> {
            if (event.sequence() == 1) {
                throw bug;
            }
        };
        KafkaInbox kafkaInbox = new KafkaInbox(failingInbox, codec, List.of(projection), new InboxDeadLetters(database),
                new InboxFailures(database), new SimpleMeterRegistry());
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(0), record(1));

        Throwable thrown = catchThrowable(() -> kafkaInbox.onMessage(poll));

        assertThat(thrown).isInstanceOf(InboxRecordFailure.Poison.class).hasCause(bug);
        assertThat(((InboxRecordFailure) thrown).getRecord()).isSameAs(poll.get(1));
        assertThat(bug.getSuppressed()).as("the inbox's own failure, attached").containsExactly(unreachable);
    }

    /**
     * A projection that takes a poll's events together gets them in one call; if it refuses the lot for good, the
     * inbox hands the records over one by one, and the poison one is thrown for itself, after the ones before it.
     */
    @Test
    void aLotRefusedForGoodIsHandedOverOneByOneSoThatThePoisonRecordIsNamed() {
        List<String> calls = new ArrayList<>();
        IllegalStateException bug = new IllegalStateException("injected: the handler cannot handle UKR#1");
        InboundEventHandler.Batched projection = new InboundEventHandler.Batched() {
            @Override
            public void on(InboundEvent event) {
                calls.add("one " + event.sequence());
                if (event.sequence() == 1) {
                    throw bug;
                }
            }

            @Override
            public void onAll(List<InboundEvent> events) {
                calls.add("lot of " + events.size());
                events.forEach(this::on);
            }
        };
        KafkaInbox kafkaInbox = new KafkaInbox(database, codec, List.of(projection), new InboxDeadLetters(database),
                new InboxFailures(database), new SimpleMeterRegistry());

        kafkaInbox.onMessage(List.of(record(10), record(11)));
        assertThat(calls).containsExactly("lot of 2", "one 10", "one 11");

        calls.clear();
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(0), record(1), record(2));
        Throwable thrown = catchThrowable(() -> kafkaInbox.onMessage(poll));

        assertThat(calls).containsExactly("lot of 3", "one 0", "one 1", "one 0", "one 1");
        assertThat(thrown).isInstanceOf(InboxRecordFailure.Poison.class).hasCause(bug);
        assertThat(((InboxRecordFailure) thrown).getRecord()).isSameAs(poll.get(1));
    }

    /** A transient failure of the lot fails the poll from its first record, to be delivered again whole. */
    @Test
    void aLotThatFailsTransientlyIsDeliveredAgainWhole() {
        MongoSocketWriteException unreachable = new MongoSocketWriteException("injected: MongoDB unreachable",
                new ServerAddress(), new IOException("injected"));
        InboundEventHandler.Batched projection = new InboundEventHandler.Batched() {
            @Override
            public void on(InboundEvent event) {
                throw new AssertionError("a transient failure of the lot is not handed over one by one");
            }

            @Override
            public void onAll(List<InboundEvent> events) {
                throw unreachable;
            }
        };
        KafkaInbox kafkaInbox = new KafkaInbox(database, codec, List.of(projection), new InboxDeadLetters(database),
                new InboxFailures(database), new SimpleMeterRegistry());
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(0), record(1));

        Throwable thrown = catchThrowable(() -> kafkaInbox.onMessage(poll));

        assertThat(thrown).isInstanceOf(InboxRecordFailure.Transient.class).hasCause(unreachable);
        assertThat(((InboxRecordFailure) thrown).getRecord()).isSameAs(poll.get(0));
        assertThat(database.getCollection(KafkaInbox.INBOX).countDocuments()).as("nothing remembered").isZero();
    }

    /**
     * An operator's retry can empty a State's dead letters between the inbox's look at them and its putting a record
     * behind them: the record must not wait behind nothing (no retry would ever come for it), but be handled.
     */
    @Test
    void aRecordPutBehindASequenceThatARetryEmptiedMeanwhileIsHandled() {
        List<Long> handled = new ArrayList<>();
        InboundEventHandler projection = event -> handled.add(event.sequence());
        InboxDeadLetters deadLetters = spy(new InboxDeadLetters(database));
        KafkaInbox kafkaInbox = new KafkaInbox(database, codec, List.of(projection), deadLetters,
                new InboxFailures(database), new SimpleMeterRegistry());
        deadLetters.add(record(0), null, null, "injected: the handler could not handle UKR#0");
        doAnswer(look -> {
            Object holding = look.callRealMethod();
            assertThat(kafkaInbox.retry("apmbc.test.events|UKR")).as("the operator's retry, meanwhile").isEqualTo(1);
            return holding;
        }).when(deadLetters).holding(anyCollection());

        kafkaInbox.onMessage(List.of(record(1)));

        assertThat(handled).containsExactly(0L, 1L);
        assertThat(deadLetters.all()).as("no letter left waiting behind nothing").isEmpty();
    }

    private ConsumerRecord<String, byte[]> record(long sequence) {
        InstrumentDeposited payload = new InstrumentDeposited("UKR", "UKR", InstrumentType.RATIFICATION,
                "1999-12-27", null, LocalDate.of(2005, 12, 27), false, "test-" + sequence);
        return new ConsumerRecord<>(TOPIC, 0, sequence, "UKR", codec.encode(
                new GenericDomainEventMessage<>("StateParticipation", "UKR", sequence, payload), payload, sequence,
                sequence));
    }
}
