package org.treatyregistry.platform.operations;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * Operator action: rebuild a projection by replaying the service's event store from the start ({@link Replays}),
 * and follow its progress. Refused (409, naming the instance) when another instance holds the processor's claims.
 */
@RestController
@RequestMapping("/api/${treaty.service.name}/operations")
public class ReplayController {

    private final Replays replays;

    public ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Replays.Progress replay(@RequestParam String processor) {
        return replays.replay(processor);
    }

    @GetMapping("/replay")
    public Replays.Progress progress(@RequestParam String processor) {
        replays.processor(processor).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-processor", "Unknown processor", "No event processor named '" + processor + "'.")));
        return replays.progress(processor);
    }
}
