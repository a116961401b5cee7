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
 *
 * <p>Background compaction goes with the background commits, and MVStore keeps a chunk it no longer needs for 45 s
 * before reusing its space (its default retention time), so the file only grew under load. Here compaction runs in
 * the foreground, under the same lock as the writes, after a write command's commit and before it is answered: it
 * rewrites the live pages of sparse chunks into a new chunk and commits that, which changes no document, so the file
 * still holds the state between two commands. A chunk no version in use needs is reused at once (retention time
 * 0): the retention time guards against a disk losing writes the operating system had taken, which a kill -9 does
 * not do, and against readers of an older version, which here register the version they read for as long as their
 * command runs (mongo-java-server reads a query's whole result within the command). The file then levels off at
 * about the live data over {@link #FILL_RATE}.
 */
public final class CrashSafeH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    /** How full, in percent, the chunks are kept: below it, sparse chunks are rewritten. */
    static final int FILL_RATE = 50;
    /** Write commands between two looks at the chunks' fill rate (cheap while it is above {@link #FILL_RATE}). */
    private static final int COMPACT_EVERY = 16;
    /** At most this much live data rewritten per compaction, so that no write waits long behind one. */
    private static final int REWRITE_BYTES = 16 * 1024 * 1024;

    private final ReentrantLock writing = new ReentrantLock();
    private int writesSinceCompaction;

    private CrashSafeH2Backend(MVStore store) {
        super(store);
    }

    public static CrashSafeH2Backend open(String fileName) {
        MVStore store = new MVStore.Builder().fileName(fileName).autoCommitDisabled().open();
        store.setRetentionTime(0);
        return new CrashSafeH2Backend(store);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!WRITES.contains(command.toLowerCase())) {
            // The version read stays whole while the command runs, however many commits and reuses happen meanwhile.
            MVStore.TxCounter reading = getMvStore().registerVersionUsage();
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                getMvStore().deregisterVersionUsage(reading);
            }
        }
        writing.lock();
        try {
            Document answer = super.handleCommand(channel, database, command, query);
            commit();
            if (++writesSinceCompaction >= COMPACT_EVERY) {
                writesSinceCompaction = 0;
                compact();
            }
            return answer;
        } finally {
            writing.unlock();
        }
    }

    /** Called holding the write lock, right after a commit: what it rewrites is committed before the answer. */
    private void compact() {
        MVStore store = getMvStore();
        if (store.compact(FILL_RATE, REWRITE_BYTES)) {
            commit();
        }
    }
}
