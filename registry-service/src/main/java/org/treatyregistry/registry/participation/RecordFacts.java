package org.treatyregistry.registry.participation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.treatyregistry.platform.ingestion.PendingFact;

/** Record facts of one State, in order, all or none: each is checked against the record and the ones before it. */
public record RecordFacts(@TargetAggregateIdentifier String iso3, List<PendingFact> facts) {
}
