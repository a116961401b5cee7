package org.treatyregistry.platform.ingestion;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A MongoDB server (mongo-java-server, in memory) that fails once, the first time it is asked to store a document
 * holding {@code marker}: a crash of the database in the middle of a write, at the event that carries the marker.
 * Whatever the server stored before that document in the same write stays stored, as on a real server.
 */
final class FailingMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final AtomicBoolean failed = new AtomicBoolean();

    FailingMongoServer(String marker) {
        this.server = new MongoServer(new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String name) {
                return new MemoryDatabase(name, getCursorRegistry()) {
                    @Override
                    protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
                        return new MemoryCollection(this, collection, options, getCursorRegistry()) {
                            @Override
                            public void addDocument(Document document) {
                                if (document.toString().contains(marker) && failed.compareAndSet(false, true)) {
                                    throw new MongoServerError(1, "the server failed while storing " + marker);
                                }
                                super.addDocument(document);
                            }
                        };
                    }
                };
            }
        });
    }

    String uri() {
        return server.bindAndGetConnectionString();
    }

    boolean failed() {
        return failed.get();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
