package org.treatyregistry.platform.failures;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A dead-letter queue whose letters are stored with their batch. Axon's invoker writes a dead letter the moment an
 * event fails, not when its batch commits. When a later event of the same batch then fails transiently, the batch
 * rolls back and is handled again, but its dead letters stay: the poison event and those behind it would be held
 * twice, and the State's events that come before the poison one in that batch would, handled again, find the State
 * held and queue up behind it, out of order. Here letters written in a batch wait in it and are stored at its end,
 * after all other deferred work ({@link BatchEnd#deferLast}) and before its token; a rolled-back batch leaves none.
 * Outside a batch (an operator's retry) they are stored at once. A message its sequence already holds is not
 * stored again, for the one window left: a batch whose letters were stored but whose token was not.
 * <p>
 * An event queued behind its sequence's dead letters during the batch (a waiting letter, with no cause) may find,
 * at the batch's end, that a retry has emptied the sequence meanwhile. Stored, it would be a sequence of waiting
 * letters with no failure ahead: nothing retries it, and its State's later events would queue up behind it for
 * good. Such a letter is not stored, or taken back if the sequence it landed in holds nothing ahead of it, and the
 * batch fails as transient: handled again, the event finds its sequence free and goes to its handler.
 */
final class BatchDeadLetterQueue<M extends Message<?>> implements SequencedDeadLetterQueue<M> {

    private static final String PENDING = BatchDeadLetterQueue.class.getName() + ".pending";

    private record Pending<M extends Message<?>>(Object sequenceIdentifier, DeadLetter<? extends M> letter) {
    }

    private final SequencedDeadLetterQueue<M> delegate;

    BatchDeadLetterQueue(SequencedDeadLetterQueue<M> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends M> letter) {
        List<Pending<M>> pending = BatchEnd.deferLast(PENDING,
                ArrayList::new, letters -> letters.forEach(p -> store(p.sequenceIdentifier(), p.letter())));
        if (pending == null) {
            store(sequenceIdentifier, letter);
        } else {
            pending.add(new Pending<>(sequenceIdentifier, letter));
        }
    }

    private void store(Object sequenceIdentifier, DeadLetter<? extends M> letter) {
        if (holds(sequenceIdentifier, letter.message().getIdentifier())) {
            return;
        }
        boolean waiting = letter.cause().isEmpty();
        if (waiting && !delegate.contains(sequenceIdentifier)) {
            throw released(sequenceIdentifier, letter);
        }
        delegate.enqueue(sequenceIdentifier, letter);
        // The retry may have emptied the sequence between the check and the write.
        if (waiting && nothingAhead(sequenceIdentifier)) {
            for (DeadLetter<? extends M> held : delegate.deadLetterSequence(sequenceIdentifier)) {
                if (held.message().getIdentifier().equals(letter.message().getIdentifier())) {
                    delegate.evict(held);
                }
            }
            throw released(sequenceIdentifier, letter);
        }
    }

    /** Whether the sequence's first letter is a waiting one: no failure holds it back. */
    private boolean nothingAhead(Object sequenceIdentifier) {
        for (DeadLetter<? extends M> held : delegate.deadLetterSequence(sequenceIdentifier)) {
            return held.cause().isEmpty();
        }
        return false;
    }

    private static TransientFailure released(Object sequenceIdentifier, DeadLetter<?> letter) {
        return new TransientFailure("sequence " + sequenceIdentifier + " was retried while event "
                + letter.message().getIdentifier() + " queued behind it; the batch is handled again", null);
    }

    private boolean holds(Object sequenceIdentifier, String messageIdentifier) {
        if (!delegate.contains(sequenceIdentifier)) {
            return false;
        }
        for (DeadLetter<? extends M> held : delegate.deadLetterSequence(sequenceIdentifier)) {
            if (held.message().getIdentifier().equals(messageIdentifier)) {
                return true;
            }
        }
        return false;
    }

    /** Held in the store, or by a letter of the current batch: its later events in the batch queue up behind. */
    @Override
    public boolean contains(Object sequenceIdentifier) {
        List<Pending<M>> pending = pendingOfThisBatch();
        return pending.stream().anyMatch(p -> p.sequenceIdentifier().equals(sequenceIdentifier))
                || delegate.contains(sequenceIdentifier);
    }

    private List<Pending<M>> pendingOfThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        List<Pending<M>> pending = CurrentUnitOfWork.get().root()
                .getResource(PENDING);
        return pending == null ? List.of() : pending;
    }

    @Override
    public void evict(DeadLetter<? extends M> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends M> letter, UnaryOperator<DeadLetter<? extends M>> letterUpdater) {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public Iterable<DeadLetter<? extends M>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends M>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends M>> sequenceFilter,
                           Function<DeadLetter<? extends M>, EnqueueDecision<M>> processingTask) {
        return delegate.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
