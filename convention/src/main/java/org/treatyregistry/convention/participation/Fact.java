package org.treatyregistry.convention.participation;

import java.time.Instant;
import org.treatyregistry.contract.StateEvent;

/** A recorded event of one State: its id (what a correction refers to), when it was recorded, the event. */
public record Fact(String eventId, Instant recordedAt, StateEvent event) {
}
