package org.treatyregistry.reporting.record;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.treatyregistry.platform.ingestion.PendingFact;

/** Record facts of one stream (a State's reports and stockpile, or one hazardous area), in order, all or none. */
public record RecordReportingFacts(@TargetAggregateIdentifier String stream, List<PendingFact> facts) {
}
