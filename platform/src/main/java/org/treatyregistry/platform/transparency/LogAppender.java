package org.treatyregistry.platform.transparency;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * Logs every stored event, in the order the store delivers them, one processor segment (decision 0026): the
 * leaves of a batch are appended together at its end, before its token is stored, and a checkpoint is signed
 * at once. Never replayed (a log is not rebuilt: {@link TransparencyAutoConfiguration} declares it not replayable),
 * and never dead-lettered: a leaf skipped would give every later event another index, so every failure is transient
 * and the batch is retried until it is logged. Events delivered under a replay token (Axon's first token of a new
 * processor over an existing store is one) are logged like any: every stored event is a leaf.
 */
@ProcessingGroup(LogAppender.PROCESSING_GROUP)
public class LogAppender {

    public static final String PROCESSING_GROUP = "transparency-log";
    private static final String BATCH = LogAppender.class.getName() + ".batch";

    private final TransparencyLog log;
    private final MongoCollection<Document> commits;
    private final String source;

    public LogAppender(TransparencyLog log, MongoDatabase serviceDatabase, String source) {
        this.log = log;
        this.commits = serviceDatabase.getCollection(MongoEventStorageEngine.COMMITS);
        this.source = source;
    }

    private record Delivered(long position, EventMessage<?> event) {
    }

    @EventHandler
    void on(EventMessage<?> event, TrackingToken token) {
        long position = token.position().orElseThrow(() ->
                new TransientFailure("no position in token " + token, null));
        List<Delivered> batch = BatchEnd.defer(BATCH, ArrayList::new, this::append);
        if (batch == null) {
            append(List.of(new Delivered(position, event)));
        } else {
            batch.add(new Delivered(position, event));
        }
    }

    private void append(List<Delivered> delivered) {
        try {
            Map<Long, Document> stored = new HashMap<>();
            List<Long> positions = delivered.stream().map(Delivered::position).toList();
            for (Document commit : EventCommit.withAny(commits, EventCommit.POSITIONS, positions)) {
                EventCommit.events(commit).forEach(e -> stored.put(e.get("position", Number.class).longValue(), e));
            }
            List<TransparencyLog.Leaf> leaves = new ArrayList<>();
            for (Delivered d : delivered) {
                Document event = stored.get(d.position());
                if (event == null) {
                    throw new IllegalStateException("position " + d.position() + " was delivered but is not stored");
                }
                leaves.add(new TransparencyLog.Leaf(event.getString("eventIdentifier"), d.position(),
                        event.getString(MongoEventStorageEngine.CLIENT_KEY), leafOf(event, d.event())));
            }
            log.append(leaves);
            log.checkpoint();
        } catch (TransientFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientFailure("cannot log events at positions " + delivered.get(0).position() + ".."
                    + delivered.get(delivered.size() - 1).position() + ": " + e.getMessage(), e);
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
