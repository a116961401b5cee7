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

    public OnePostOneWrite(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    public <R> R run(Collection<String> streams, Supplier<R> post) {
        return storageEngine instanceof MongoEventStorageEngine mongo ? mongo.inOneWrite(streams, post) : post.get();
    }
}
