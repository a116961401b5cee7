package org.treatyregistry.platform.ingestion;

import org.treatyregistry.contract.StateEvent;

/** A checked fact on its way into a stream, with the client id it was posted under. */
public record PendingFact(StateEvent event, String clientId) {
}
