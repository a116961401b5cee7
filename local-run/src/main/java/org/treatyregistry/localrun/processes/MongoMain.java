package org.treatyregistry.localrun.processes;

import de.bwaldvogel.mongo.MongoServer;
import java.util.concurrent.CountDownLatch;
import org.treatyregistry.localrun.CrashSafeH2Backend;

/**
 * MongoDB in its own process for the process-per-service run: the MongoDB wire-protocol server on loopback, its
 * data in one file that survives a restart (each write committed before it is answered). Where compose runs
 * {@code mongod}, this stands in for it. Arguments: port, data file.
 */
public final class MongoMain {

    private MongoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(CrashSafeH2Backend.open(args[1]));
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
