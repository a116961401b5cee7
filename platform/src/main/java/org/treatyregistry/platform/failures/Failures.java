package org.treatyregistry.platform.failures;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.axonframework.messaging.timeout.AxonTimeoutException;

/**
 * Which failures are transient and which are poison, for every event processor and for the Kafka inbox
 * (decision 0013):
 * <ul>
 *   <li>transient: MongoDB or Kafka did not answer (unreachable, no primary, a timeout, a retryable error label),
 *       the inbox's consumer was out of its group when it committed, or a {@link TransientFailure}. The same
 *       event would succeed later: retried with back-off, never dead-lettered, and the position stays where it
 *       was meanwhile;</li>
 *   <li>poison: anything else a handler throws on one event (a bug, data it cannot read). It would fail the same
 *       way again: the event is dead-lettered, and its State's later events wait behind it.</li>
 * </ul>
 */
public final class Failures {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            TransientFailure.class,
            MongoSocketException.class,
            MongoTimeoutException.class,
            MongoExecutionTimeoutException.class,
            MongoServerUnavailableException.class,
            MongoConnectionPoolClearedException.class,
            MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class,
            MongoInterruptedException.class,
            RetriableException.class,
            // The consumer left its group (a rebalance, a missed heartbeat): its records are not at fault, and
            // they come again to whichever instance holds their partition now.
            CommitFailedException.class,
            RebalanceInProgressException.class,
            TimeoutException.class,
            InterruptedException.class,
            // Axon interrupted a handler or batch that ran past its timeout, and throws this in place of whatever
            // the handler threw (without it as cause): a wait that did not end in time, like TimeoutException.
            AxonTimeoutException.class);

    private Failures() {
    }

    /** Whether {@code failure}, or any of its causes, is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Throwable current = t;
            if (TRANSIENT.stream().anyMatch(type -> type.isInstance(current))) {
                return true;
            }
            if (t instanceof MongoException mongo
                    && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                            || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }

    /** The failure's type and message, past framework wrappers: what an operator reads to decide on a dead letter. */
    public static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && shown.getCause() != shown
                && (shown.getClass().getName().startsWith("org.springframework.")
                || shown instanceof ExecutionException || shown instanceof CompletionException)) {
            shown = shown.getCause();
        }
        return shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }
}
