package org.treatyregistry.convention;

import java.time.Instant;
import org.treatyregistry.contract.StateEvent;

/**
 * A recorded event of one State: its id (what a correction refers to), when it was recorded, who posted it, the
 * event. The one shape of a recorded fact, from the event store to the read models and the rules (decision 0015).
 *
 * @param principal who posted it; null where no one did (the record's own loads) or the reader does not keep it
 */
public record Fact(String eventId, Instant recordedAt, String principal, StateEvent event) {

    /** A fact whose principal is not known to the reader: the rules never read it. */
    public Fact(String eventId, Instant recordedAt, StateEvent event) {
        this(eventId, recordedAt, null, event);
    }
}
