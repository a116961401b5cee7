package org.treatyregistry.platform.transparency;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * Logs every stored event, in the order the store delivers them, one processor segment (decision 0026): the
 * leaves of a batch are appended together at its end, before its token is stored; checkpoints are signed apart
 * from it ({@link Checkpointer}, told that the tree grew), so that a batch costs no signature and no root. Never
 * replayed (a log is not rebuilt: {@link TransparencyAutoConfiguration} declares it not replayable), and never
 * dead-lettered: a leaf skipped would give every later event another index, so every failure is transient and the
 * batch is retried until it is logged. Events delivered under a replay token (Axon's first token of a new
 * processor over an existing store is one) are logged like any: every stored event is a leaf.
 */
@ProcessingGroup(LogAppender.PROCESSING_GROUP)
public class LogAppender {

    public static final String PROCESSING_GROUP = "transparency-log";
    private static final String BATCH = LogAppender.class.getName() + ".batch";

    private final TransparencyLog log;
    private final MongoCollection<Document> commits;
    private final String source;
    private final Runnable grew;

    /** @param grew told after each append (a checkpoint of a size signed already is not signed again) */
    public LogAppender(TransparencyLog log, MongoDatabase serviceDatabase, String source, Runnable grew) {
        this.log = log;
        this.commits = serviceDatabase.getCollection(MongoEventStorageEngine.COMMITS);
        this.source = source;
        this.grew = grew;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        List<EventMessage<?>> batch = BatchEnd.defer(BATCH, ArrayList::new, this::append);
        if (batch == null) {
            append(List.of(event));
        } else {
            batch.add(event);
        }
    }

    /** The events in the order delivered, each found in the store by its stream key (not by a token's position). */
    private void append(List<EventMessage<?>> delivered) {
        try {
            Map<String, Document> stored = EventCommit.stored(commits, delivered);
            List<TransparencyLog.Leaf> leaves = new ArrayList<>();
            for (EventMessage<?> message : delivered) {
                Document event = stored.get(message.getIdentifier());
                if (event == null) {
                    throw new IllegalStateException("event " + message.getIdentifier() + " was delivered but is not "
                            + "stored");
                }
                leaves.add(new TransparencyLog.Leaf(message.getIdentifier(), event.get("position", Number.class)
                        .longValue(), event.getString(MongoEventStorageEngine.CLIENT_KEY), leafOf(event, message)));
            }
            log.append(leaves);
            grew.run();
        } catch (TransientFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientFailure("cannot log " + delivered.size() + " events from "
                    + delivered.get(0).getIdentifier() + ": " + e.getMessage(), e);
        }
    }

    /** The leaf kept beside the event; for an event stored before leaves were, made now the same way. */
    private String leafOf(Document event, EventMessage<?> message) {
        String leaf = event.getString(EventLeaf.LEAF);
        if (leaf != null) {
            return leaf;
        }
        Document withEnvelope = new Document(event);
        withEnvelope.putIfAbsent(EventLeaf.ENVELOPE, EventLeaf.envelope(message));
        return EventLeaf.of(withEnvelope, source);
    }
}
