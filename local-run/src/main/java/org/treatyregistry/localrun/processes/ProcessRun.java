package org.treatyregistry.localrun.processes;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./run --processes}: the system as operators deploy it, a process per service and two instances of each
 * backend service behind the gateway, kept running by a {@link Supervisor}; data under {@code .data/processes/}.
 * The supervisor restarts a process that exits: kill -9 one by its pid and it comes back.
 */
public final class ProcessRun {

    private static final Duration START_PATIENCE = Duration.ofMinutes(5);

    private ProcessRun() {
    }

    /** Starts every process and returns once all are ready; the caller closes the supervisor to stop them. */
    public static Supervisor start(Path data, int gatewayPort, String apiKeys, String gatewaySecret) {
        Topology topology = Topology.of(data, gatewayPort, 2, apiKeys, gatewaySecret);
        Supervisor supervisor = new Supervisor(topology, Path.of("").toAbsolutePath(), data.resolve("logs"));
        System.out.println("Starting " + topology.names().size() + " processes (logs in " + data.resolve("logs")
                + ")...");
        try {
            supervisor.startAll(START_PATIENCE);
            return supervisor;
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }
}
