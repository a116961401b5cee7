package org.treatyregistry.platform.ingestion;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code POST .../events} whose items are the contract's events as such: the service names the events
 * it takes ({@link PostedEvents}) and decides, as {@link StreamIngestion.Streams}, which stream each joins, whether
 * it may and the command that records; {@link StreamIngestion} reads, checks and records them.
 */
public abstract class PostedEventIngestion implements StreamIngestion.Streams {

    private final StreamIngestion ingestion;
    private final PostedEvents posted;
    /** What "now" is when a post is checked: a fact cannot be dated after it. */
    protected final Clock clock;

    protected PostedEventIngestion(StreamIngestion ingestion, PostedEvents posted, Clock clock) {
        this.ingestion = ingestion;
        this.posted = posted;
        this.clock = clock;
    }

    /** Records the items, or none of them ({@link BatchIngestion.Refused}). */
    public List<BatchIngestion.Outcome> ingest(List<PostedEvent> items, String principal) {
        return ingestion.ingest(items, principal, posted, this);
    }

    /** What the item says, as every re-post of it is compared ({@link PostedEvents#fingerprint}). */
    public String fingerprint(PostedEvent item) {
        return posted.fingerprint(item);
    }

    /** The endpoint's answer to a posted batch of 1 to {@link BatchIngestion#MAX_BATCH} items: each one's outcome. */
    public Map<String, Object> post(List<Map<String, Object>> items, String principal) {
        IngestionProblems.checkBatchSize(items);
        return Map.of("results", ingest(items.stream().map(PostedEvent::new).toList(), principal));
    }
}
