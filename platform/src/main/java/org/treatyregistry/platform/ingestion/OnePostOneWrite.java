package org.treatyregistry.platform.ingestion;

import java.util.Collection;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * A post is one write to the event store (decision 0011): its streams are read together, once, for its checks
 * and its aggregates alike, and the events of all its commands are appended together when it ends. Each command
 * still runs in its own unit of work, checked by its aggregate under the aggregate's lock. (One Axon unit of work
 * around all the commands would do the same, but Axon looks up the staged events of a unit of work with a
 * quadratic scan on every aggregate load: a post of 5,000 streams took minutes.)
 */
public class OnePostOneWrite {

    private final EventStorageEngine storageEngine;
    private final Runnable stored;

    /** @param stored told after a post's write, which Axon's units of work (committed before it) did not see */
    public OnePostOneWrite(EventStorageEngine storageEngine, Runnable stored) {
        this.storageEngine = storageEngine;
        this.stored = stored;
    }

    public <R> R run(Collection<String> streams, Supplier<R> post) {
        if (storageEngine instanceof MongoEventStorageEngine mongo) {
            R result = mongo.inOneWrite(streams, post);
            stored.run();
            return result;
        }
        return post.get();
    }
}
