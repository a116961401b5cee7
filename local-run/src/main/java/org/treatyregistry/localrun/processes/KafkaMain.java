package org.treatyregistry.localrun.processes;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String host = Topology.LOOPBACK;
        Properties properties = new Properties();
        // One broker: internal topics cannot have the default three replicas. Event topics are the record: every
        // message is kept so projections can always be replayed.
        properties.load(new StringReader("""
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$s
                listeners=PLAINTEXT://%1$s:%2$s,CONTROLLER://%1$s:%3$s
                advertised.listeners=PLAINTEXT://%1$s:%2$s
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.ms=-1
                log.retention.bytes=-1
                """.formatted(host, port, controllerPort)));
        properties.setProperty("log.dirs", logDir.toString());
        Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
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
