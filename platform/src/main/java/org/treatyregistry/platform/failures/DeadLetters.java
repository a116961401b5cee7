package org.treatyregistry.platform.failures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.treatyregistry.platform.kafka.InboxDeadLetters;
import org.treatyregistry.platform.kafka.KafkaInbox;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * The service's dead letters, for operators: those of each event processor (Axon's sequenced dead-letter queues,
 * one sequence per aggregate) and those of the Kafka inbox (processor {@value #INBOX}, one sequence per topic and
 * State). Listed, counted, retried a sequence at a time in order, and discarded one letter at a time.
 */
public class DeadLetters {

    public static final String INBOX = "inbox";

    /** A letter: the event (or record) id, its type, why it is held, since when. */
    public record Letter(String letter, String type, String reason, Instant deadLetteredAt) {
    }

    public record Sequence(String processor, String sequence, List<Letter> letters) {
    }

    /** A retry of a processor's sequences: how many came through whole, and those still failing with why. */
    public record Retry(String processor, int retried, Map<String, String> stillFailing) {
    }

    private final EventProcessingConfiguration processing;
    private final InboxDeadLetters inboxLetters;
    private final Optional<KafkaInbox> inbox;

    public DeadLetters(EventProcessingConfiguration processing, InboxDeadLetters inboxLetters,
                       Optional<KafkaInbox> inbox) {
        this.processing = processing;
        this.inboxLetters = inboxLetters;
        this.inbox = inbox;
    }

    /** Every processor that dead-letters, the inbox included if the service consumes other services' topics. */
    public List<String> processors() {
        List<String> names = new ArrayList<>(new TreeSet<>(processing.eventProcessors().keySet()).stream()
                .filter(name -> processing.deadLetterQueue(name).isPresent()).toList());
        inbox.ifPresent(i -> names.add(INBOX));
        return names;
    }

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String processor : processors()) {
            counts.put(processor, INBOX.equals(processor) ? inboxLetters.count() : queue(processor).size());
        }
        return counts;
    }

    public List<Sequence> list(String processor) {
        List<Sequence> all = new ArrayList<>();
        for (String name : processor == null ? processors() : List.of(known(processor))) {
            if (INBOX.equals(name)) {
                inboxLetters.all().forEach(sequence -> all.add(new Sequence(INBOX, sequence.sequence(),
                        sequence.letters().stream().map(l -> new Letter(l.letter(), l.type(), l.reason(),
                                l.deadLetteredAt())).toList())));
            } else {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(name).deadLetters()) {
                    List<DeadLetter<? extends EventMessage<?>>> letters =
                            StreamSupport.stream(sequence.spliterator(), false).toList();
                    if (!letters.isEmpty()) {
                        all.add(new Sequence(name, sequenceOf(letters.get(0)),
                                letters.stream().map(DeadLetters::letter).toList()));
                    }
                }
            }
        }
        return all;
    }

    /**
     * Hands a processor's dead letters (one sequence, or all) to its handlers again, each sequence in order: a
     * sequence whose letters all succeed is gone; one whose letter fails again stops there, with the new reason.
     */
    public Retry retry(String processor, String sequence) {
        String name = known(processor);
        int retried = 0;
        Map<String, String> stillFailing = new LinkedHashMap<>();
        for (Sequence held : list(name)) {
            if (sequence != null && !sequence.equals(held.sequence())) {
                continue;
            }
            boolean whole = retryOnce(name, held);
            // Records queued behind the sequence while it was retried can leave it holding waiting letters only,
            // with no failure ahead of them: handed over too, so that the State does not stall behind nothing.
            for (int again = 0; whole && again < 3; again++) {
                Optional<Sequence> behind = list(name).stream().filter(s -> s.sequence().equals(held.sequence()))
                        .findFirst().filter(s -> InboxDeadLetters.WAITING.equals(s.letters().get(0).reason()));
                if (behind.isEmpty()) {
                    break;
                }
                whole = retryOnce(name, behind.get());
            }
            if (whole) {
                retried++;
            } else {
                list(name).stream().filter(s -> s.sequence().equals(held.sequence())).findFirst()
                        .ifPresent(s -> stillFailing.put(s.sequence(), s.letters().get(0).reason()));
            }
        }
        return new Retry(name, retried, stillFailing);
    }

    private boolean retryOnce(String processor, Sequence held) {
        if (INBOX.equals(processor)) {
            return inbox.orElseThrow().retry(held.sequence()) == held.letters().size();
        }
        String first = held.letters().get(0).letter();
        return processing.sequencedDeadLetterProcessor(processor).orElseThrow()
                .process(letter -> letter.message().getIdentifier().equals(first));
    }

    /** Drops one letter for good (an operator's decision, e.g. a record no build can read); false if not held. */
    public boolean discard(String processor, String sequence, String letter) {
        String name = known(processor);
        if (INBOX.equals(name)) {
            return inboxLetters.discard(sequence, letter);
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        for (DeadLetter<? extends EventMessage<?>> held : queue.deadLetterSequence(sequence)) {
            if (held.message().getIdentifier().equals(letter)) {
                queue.evict(held);
                return true;
            }
        }
        return false;
    }

    private String known(String processor) {
        if (!processors().contains(processor)) {
            throw new ProblemException(Problems.of(HttpStatus.NOT_FOUND, "unknown-processor", "Unknown processor",
                    "No processor named '" + processor + "' dead-letters here; known: " + processors() + "."));
        }
        return processor;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing.deadLetterQueue(processor).orElseThrow();
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof MongoDeadLetter<?> mongo
                ? mongo.sequenceIdentifier()
                : letter.message().getIdentifier();
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        return new Letter(letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(),
                letter.cause().map(cause -> cause.type() + ": " + cause.message()).orElse(InboxDeadLetters.WAITING),
                letter.enqueuedAt());
    }
}
