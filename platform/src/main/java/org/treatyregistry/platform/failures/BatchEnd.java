package org.treatyregistry.platform.failures;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Work a handler defers to the end of its processor's batch (one bulk write for the batch, one wait for Kafka's
 * acknowledgements), run after the batch's last event and before its token is stored. A streaming processor stores
 * its token first thing when the batch commits, ahead of any handler registered on the commit, so work registered
 * there would land after the token and be lost to a crash in between. Registered on every
 * processor as a handler interceptor, it runs whichever event comes last, including one that its State's dead
 * letters hold back. A failure of this work fails the whole batch: its token stays, and it is retried with
 * back-off, so the work must be idempotent. A failure that is not transient cannot be pinned on one event of the
 * batch, and would fail every retry of it: the segment's next batch is then handled one event at a time
 * ({@link #defer} returns {@code null}, so each handler does its work at once), a failing event is dead-lettered
 * with its sequence as any handler failure is, and the rest of the segment goes on. The segment returns to whole
 * batches once such a batch committed.
 */
public final class BatchEnd implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String TASKS = BatchEnd.class.getName() + ".tasks";
    private static final String LAST_TASKS = BatchEnd.class.getName() + ".last";

    private static final String ONE_BY_ONE = BatchEnd.class.getName() + ".oneByOne";

    private final String processor;
    private final ProcessorFailures failures;
    /** The segments whose batch-end work failed for good: handled one event at a time until a batch commits. */
    private final Set<Integer> oneByOne = ConcurrentHashMap.newKeySet();

    public BatchEnd(String processor, ProcessorFailures failures) {
        this.processor = processor;
        this.failures = failures;
    }

    /**
     * The batch's {@code key} resource, made by {@code create} on first use and given to {@code atEnd} at the end of
     * the batch; {@code null} outside a processor's batch (a dead letter retried alone), where the caller does its
     * work at once.
     */
    public static <T> T defer(String key, Supplier<T> create, Consumer<T> atEnd) {
        return defer(TASKS, key, create, atEnd);
    }

    /**
     * As {@link #defer}, run after all other deferred work: for what may be stored only if the rest of the batch
     * succeeded (its dead letters).
     */
    static <T> T deferLast(String key, Supplier<T> create, Consumer<T> atEnd) {
        return defer(LAST_TASKS, key, create, atEnd);
    }

    private static <T> T defer(String queue, String key, Supplier<T> create, Consumer<T> atEnd) {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return null;
        }
        if (queue.equals(TASKS) && Boolean.TRUE.equals(batch.getResource(ONE_BY_ONE))) {
            return null;
        }
        Map<String, Runnable> tasks = batch.getResource(queue);
        if (tasks == null) {
            throw new IllegalStateException("No BatchEnd interceptor on this processor: deferred work would never run");
        }
        return batch.getOrComputeResource(key, k -> {
            T resource = create.get();
            tasks.put(k, () -> atEnd.accept(resource));
            return resource;
        });
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return chain.proceed();
        }
        Integer segment = batch.getResource("Processor[" + processor + "]/SegmentId");
        ProcessorFailures.handling(segment);
        // Decided once per batch, at its first event.
        batch.getOrComputeResource(ONE_BY_ONE, k -> segment != null && oneByOne.contains(segment));
        Map<String, Runnable> tasks = batch.getOrComputeResource(TASKS, k -> new LinkedHashMap<>());
        Map<String, Runnable> lastTasks = batch.getOrComputeResource(LAST_TASKS, k -> new LinkedHashMap<>());
        Object result = chain.proceed();
        if (batch.isLastMessage()) {
            try {
                tasks.values().forEach(Runnable::run);
            } catch (RuntimeException | Error failure) {
                if (segment != null && !Failures.isTransient(failure)) {
                    oneByOne.add(segment);
                }
                throw failure;
            } finally {
                tasks.clear();
            }
            lastTasks.values().forEach(Runnable::run);
            lastTasks.clear();
            batch.afterCommit(u -> {
                if (segment != null) {
                    oneByOne.remove(segment);
                }
                failures.succeeded(processor, segment);
            });
        }
        return result;
    }
}
