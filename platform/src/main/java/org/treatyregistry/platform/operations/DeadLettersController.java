package org.treatyregistry.platform.operations;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.failures.DeadLetters;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * Operator actions on the events a processor could not handle (decision 0013): list them with the reason, retry
 * them once the cause is fixed (each sequence in order), or discard one for good.
 */
@RestController
@RequestMapping("/api/${treaty.service.name}/operations/dead-letters")
public class DeadLettersController {

    private final DeadLetters deadLetters;

    public DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public record Listing(Map<String, Long> counts, List<DeadLetters.Sequence> sequences) {
    }

    @GetMapping
    public Listing list(@RequestParam(required = false) String processor) {
        return new Listing(deadLetters.counts(), deadLetters.list(processor));
    }

    @PostMapping("/retry")
    public DeadLetters.Retry retry(@RequestParam String processor, @RequestParam(required = false) String sequence) {
        return deadLetters.retry(processor, sequence);
    }

    @PostMapping("/discard")
    public Map<String, String> discard(@RequestParam String processor, @RequestParam String sequence,
                                       @RequestParam String letter) {
        if (!deadLetters.discard(processor, sequence, letter)) {
            throw new ProblemException(Problems.of(HttpStatus.NOT_FOUND, "unknown-dead-letter", "No such dead letter",
                    "Processor '" + processor + "' holds no letter '" + letter + "' in sequence '" + sequence
                            + "'; GET .../operations/dead-letters lists what it holds."));
        }
        return Map.of("processor", processor, "sequence", sequence, "discarded", letter);
    }
}
