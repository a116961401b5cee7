package org.treatyregistry.localrun.processes;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.Exit;

/**
 * A Kafka broker in its own process for the process-per-service run: one KRaft node acting as broker and
 * controller, from the Maven Central jars, its log kept in a directory that survives a restart. Configured as
 * compose configures the {@code apache/kafka} image (single node, replication factor 1, no retention limit, the
 * same cluster id), but on loopback only. Arguments: broker port, controller port, log directory.
 */
public final class KafkaMain {

    /** Compose's {@code CLUSTER_ID}: fixed, so the log directory stays valid across restarts. */
    static final String CLUSTER_ID = "tReAtYrEgIsTrY0000001w";

    private KafkaMain() {
    }

    public static void main(String[] args) throws IOException {
        String port = args[0];
        String controllerPort = args[1];
        Path logDir = Path.of(args[2]);
        Files.createDirectories(logDir);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@" + Topology.LOOPBACK + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + Topology.LOOPBACK + ":" + port + ",CONTROLLER://" + Topology.LOOPBACK
                + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + Topology.LOOPBACK + ":" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        // One broker: internal topics cannot have the default three replicas.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Event topics are the record: every message is kept so projections can always be replayed.
        config.put("log.retention.ms", "-1");
        config.put("log.retention.bytes", "-1");
        Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
        Properties properties = new Properties();
        properties.putAll(config);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "written by KafkaMain on every start");
        }
        format(file);
        kafka.Kafka.main(new String[] {file.toString()});
    }

    /** {@code kafka-storage format}, once: a directory already formatted is left as it is. */
    private static void format(Path config) {
        Exit.setExitProcedure((status, message) -> {
            if (status != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed (" + status + "): "
                        + message);
            }
            throw new FormatDone();
        });
        try {
            kafka.tools.StorageTool.main(new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(),
                    "--ignore-formatted"});
        } catch (FormatDone done) {
            // the tool ends by exiting; here it returns
        } finally {
            Exit.resetExitProcedure();
        }
    }

    private static final class FormatDone extends RuntimeException {
        FormatDone() {
            super(null, null, false, false);
        }
    }
}
