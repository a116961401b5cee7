package org.treatyregistry.indicators.records;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.treatyregistry.platform.ingestion.PendingFact;

/** Record facts of one State's indicator records, in order, all or none. */
public record RecordIndicatorFacts(@TargetAggregateIdentifier String iso3, List<PendingFact> facts) {
}
