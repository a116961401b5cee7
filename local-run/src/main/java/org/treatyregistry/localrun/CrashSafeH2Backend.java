package org.treatyregistry.localrun;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, made safe against a kill -9 of the local run. As shipped it commits its
 * MVStore in the background, about once a second, and may commit in the middle of a write: after a kill -9 the
 * last second of acknowledged writes is gone, and a document can come back without its index entries, so a
 * unique index no longer refuses its duplicate (seen here: one event stored twice under one client id after a
 * kill in the middle of a post). Here background commits are off and every write command is applied and
 * committed alone, before it is answered: what was acknowledged is on disk (the operating system's cache, which a
 * killed process does not lose), and the file always holds the state between two commands. Real MongoDB
 * journals its writes; this is for the local run only.
 */
public final class CrashSafeH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    private final ReentrantLock writing = new ReentrantLock();

    private CrashSafeH2Backend(MVStore store) {
        super(store);
    }

    public static CrashSafeH2Backend open(String fileName) {
        return new CrashSafeH2Backend(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!WRITES.contains(command.toLowerCase())) {
            return super.handleCommand(channel, database, command, query);
        }
        writing.lock();
        try {
            Document answer = super.handleCommand(channel, database, command, query);
            commit();
            return answer;
        } finally {
            writing.unlock();
        }
    }
}
