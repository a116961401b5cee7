package org.treatyregistry.localrun.processes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;
import org.treatyregistry.localrun.CrashSafeH2Backend;

/**
 * MongoDB in its own process for the process-per-service run: the MongoDB wire-protocol server on loopback, its
 * data in one file that survives a restart (each write committed before it is answered). Where compose runs
 * {@code mongod}, this stands in for it. Arguments: port, data file (or {@link #IN_MEMORY}).
 */
public final class MongoMain {

    /** In place of a data file: the data lives in memory, for a run that never restarts MongoDB (the fault suite). */
    public static final String IN_MEMORY = "-";

    private MongoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(args[1].equals(IN_MEMORY) ? new MemoryBackend()
                : CrashSafeH2Backend.open(args[1]));
        server.bind(Topology.LOOPBACK, Integer.parseInt(args[0]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-shutdown"));
        System.out.println("MongoDB listening on " + Topology.LOOPBACK + ":" + args[0]);
        stopped.await();
    }
}
