package org.treatyregistry.platform.ingestion;

/** Why one posted item was not recorded: its position in the batch, its client id, the rule, a sentence. */
public record ItemError(int index, String clientId, String rule, String detail) {
}
