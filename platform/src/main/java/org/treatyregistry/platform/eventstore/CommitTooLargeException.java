package org.treatyregistry.platform.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * A commit whose events do not fit in one MongoDB document (16 MB): a post is one document, so that it is stored
 * whole or not at all, and this one is too large to be stored; nothing of it was.
 */
public class CommitTooLargeException extends EventStoreException {

    private final int events;

    public CommitTooLargeException(int events, Throwable cause) {
        super("A commit of " + events + " events is larger than MongoDB's 16 MB document limit; nothing of it was "
                + "stored.", cause);
        this.events = events;
    }

    public int events() {
        return events;
    }
}
