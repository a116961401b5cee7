package org.treatyregistry.platform.failures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * there would land after the token and be lost to a crash in between (issue 10, defect 5). Registered on every
 * processor as a handler interceptor, it runs whichever event comes last, including one that its State's dead
 * letters hold back. A failure of this work fails the whole batch: its token stays, it is retried with back-off,
 * and nothing of it is dead-lettered, so the work must be idempotent.
 */
public final class BatchEnd implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String TASKS = BatchEnd.class.getName() + ".tasks";
    private static final String LAST_TASKS = BatchEnd.class.getName() + ".last";

    private final String processor;
    private final ProcessorFailures failures;

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
        Map<String, Runnable> tasks = batch.getOrComputeResource(TASKS, k -> new LinkedHashMap<>());
        Map<String, Runnable> lastTasks = batch.getOrComputeResource(LAST_TASKS, k -> new LinkedHashMap<>());
        Object result = chain.proceed();
        if (batch.isLastMessage()) {
            for (Map<String, Runnable> queue : List.of(tasks, lastTasks)) {
                queue.values().forEach(Runnable::run);
                queue.clear();
            }
            failures.succeeded(processor);
        }
        return result;
    }
}
