package org.treatyregistry.platform.operations;

import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * Operator action: rebuild a projection by replaying the service's event store from the start. The
 * processor's reset handler clears its read model first, and its dead letters go too: the replay hands their
 * events over again. Its handlers are idempotent.
 */
@RestController
@RequestMapping("/api/${treaty.service.name}/operations")
public class ReplayController {

    private final EventProcessingConfiguration processing;

    public ReplayController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> replay(@RequestParam String processor) {
        StreamingEventProcessor streaming = find(processor);
        if (!streaming.supportsReset()) {
            throw new ProblemException(Problems.of(HttpStatus.CONFLICT, "replay-unsupported", "Cannot replay",
                    "Processor '" + processor + "' has no reset support."));
        }
        streaming.shutDown();
        processing.deadLetterQueue(processor).ifPresent(SequencedDeadLetterQueue::clear);
        streaming.resetTokens();
        streaming.start();
        return Map.of("processor", processor, "status", "REPLAYING");
    }

    private StreamingEventProcessor find(String name) {
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        return processor.orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-processor", "Unknown processor", "No event processor named '" + name + "'; known: "
                        + processing.eventProcessors().keySet() + ".")));
    }
}
