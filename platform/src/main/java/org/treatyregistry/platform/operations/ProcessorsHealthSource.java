package org.treatyregistry.platform.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.treatyregistry.platform.failures.ProcessorFailures;

/**
 * Section {@code processors}: each failing segment (a batch failing and retried, on whichever instance), and for
 * each processor its lag and its replay's progress, all read from the service's MongoDB.
 */
public class ProcessorsHealthSource implements OperatorHealthSource {

    private final String service;
    private final List<String> processors;
    private final ProcessorFailures failures;
    private final ToLongFunction<String> lag;
    private final Replays replays;

    public ProcessorsHealthSource(String service, List<String> processors, ProcessorFailures failures,
                                  ToLongFunction<String> lag, Replays replays) {
        this.service = service;
        this.processors = List.copyOf(processors);
        this.failures = failures;
        this.lag = lag;
        this.replays = replays;
    }

    @Override
    public String name() {
        return "processors";
    }

    @Override
    public Section read() {
        List<Stuck> stuck = new ArrayList<>();
        for (ProcessorFailures.Failing failing : failures.failing()) {
            stuck.add(new Stuck("batches failing and retried (" + failing.batches() + ", last on "
                    + failing.instance() + ")", failing.processor() + " segment " + failing.segment(),
                    failing.since(), failing.lastError(), "Retried with back-off, nothing is skipped: fix the cause"
                    + " (MongoDB, Kafka, a deployment). Rebuild a projection with POST /api/" + service
                    + "/operations/replay?processor=" + failing.processor()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (String processor : processors) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("lag", lag.applyAsLong(processor));
            figures.put("replay", replays.progress(processor));
            details.put(processor, figures);
        }
        return new Section(stuck, details);
    }
}
