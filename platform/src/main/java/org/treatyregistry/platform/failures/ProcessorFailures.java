package org.treatyregistry.platform.failures;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * The processors whose last batch failed and is being retried, for health: as Axon's {@link ErrorHandler} it
 * records the failure and propagates it (the batch rolls back, its token stays, the segment is claimed again
 * after a back-off); a batch that completes clears it.
 */
public final class ProcessorFailures implements ErrorHandler {

    /** The first failure of a run of failed batches, the latest, and how many. */
    public record Failing(Instant since, String lastError, long batches) {
    }

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    @Override
    public void handleError(ErrorContext context) throws Exception {
        failing.merge(context.eventProcessor(),
                new Failing(Instant.now(), Failures.describe(context.error()), 1),
                (before, now) -> new Failing(before.since(), now.lastError(), before.batches() + 1));
        PropagatingErrorHandler.instance().handleError(context);
    }

    void succeeded(String processor) {
        failing.remove(processor);
    }

    public Map<String, Failing> failing() {
        return Map.copyOf(failing);
    }
}
