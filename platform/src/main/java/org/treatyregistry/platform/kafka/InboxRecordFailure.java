package org.treatyregistry.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.treatyregistry.platform.failures.Failures;

/**
 * A record of a poll that could not be handled, for the container's error handler: which record (the offsets
 * before it are committed) and, by its class, whether it is {@link Transient} or {@link Poison}. Spring Kafka's
 * {@code DefaultErrorHandler} classifies by these classes (retried with back-off, or dead-lettered at once), and
 * starts a record's retries afresh when the class of its failure changes: a record that failed while MongoDB was
 * down and then fails for good is dead-lettered on that failure, instead of being retried for ever behind the same
 * wrapper.
 */
public abstract sealed class InboxRecordFailure extends BatchListenerFailedException {

    private InboxRecordFailure(String message, Throwable cause, ConsumerRecord<?, ?> record) {
        super(message, cause, record);
    }

    /** Transient or poison, as {@link Failures} classifies {@code cause}. */
    static InboxRecordFailure of(Throwable cause, ConsumerRecord<?, ?> record) {
        return Failures.isTransient(cause) ? new Transient(cause, record) : new Poison(cause, record);
    }

    /** MongoDB or Kafka did not answer: retried with back-off for as long as it lasts, the offset kept. */
    public static final class Transient extends InboxRecordFailure {

        Transient(Throwable cause, ConsumerRecord<?, ?> record) {
            super(Failures.describe(cause), cause, record);
        }
    }

    /** The record would fail the same way again: dead-lettered at once, its State's later records behind it. */
    public static final class Poison extends InboxRecordFailure {

        Poison(Throwable cause, ConsumerRecord<?, ?> record) {
            super(Failures.describe(cause), cause, record);
        }
    }

    /** Why the record failed, for an operator: the failure this wraps, past the listener container's wrappers. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InboxRecordFailure inbox && inbox.getCause() != null) {
                return Failures.describe(inbox.getCause());
            }
        }
        return Failures.describe(failure);
    }
}
