package org.treatyregistry.platform.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's one view of the service: what is stuck, where, since when, the error, how to undo it. */
@RestController
@RequestMapping("/api/${treaty.service.name}/operations/health")
public class OperationsHealthController {

    private final OperatorHealth health;

    public OperationsHealthController(OperatorHealth health) {
        this.health = health;
    }

    @GetMapping
    public OperatorHealth.Overview health() {
        return health.read();
    }
}
