package org.treatyregistry.reporting.record;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.reporting.StockpileLedger;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.reporting.landrelease.AreaRules;

/**
 * A stream of reporting facts, event-sourced: a State's reports and stockpile (identifier: its ISO3 code), or one
 * hazardous area's land release (identifier: ISO3 "/area/" area id), so that a heavily affected State's thousands
 * of areas are thousands of short streams, not one long one. The command handler re-checks, under the stream's
 * optimistic lock, the rules that depend only on the stream itself.
 */
@Aggregate
public class ReportingStream {

    @AggregateIdentifier
    private String stream;
    private final List<Fact> recorded = new ArrayList<>();
    private final Set<String> clientIds = new HashSet<>();

    protected ReportingStream() {
        // for Axon
    }

    /** The stream a fact belongs to. */
    public static String of(StateEvent event) {
        if (event instanceof HazardousAreaRecorded a) {
            return areaStream(a.iso3(), a.areaId());
        }
        if (event instanceof LandReleased r) {
            return areaStream(r.iso3(), r.areaId());
        }
        return event.iso3();
    }

    public static String areaStream(String iso3, String areaId) {
        return iso3 + "/area/" + areaId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReportingFacts command) {
        Set<String> alreadyRecorded = Set.copyOf(clientIds);
        for (PendingFact pending : command.facts()) {
            if (alreadyRecorded.contains(pending.clientId())) {
                continue;
            }
            Optional<RuleViolation> violation = check(recorded.stream().map(Fact::event).toList(), pending.event());
            if (violation.isPresent()) {
                throw violation.get();
            }
            apply(pending.event(), pending.metaData());
        }
    }

    /** The rules a fact must keep within its own stream. */
    public static Optional<RuleViolation> check(List<StateEvent> stream, StateEvent next) {
        if (next instanceof HazardousAreaRecorded || next instanceof LandReleased) {
            return AreaRules.check(stream, next);
        }
        if (StockpileLedger.isStockpileFact(next)) {
            return StockpileLedger.check(stream, next);
        }
        if (next instanceof ReportSubmitted report && stream.stream().anyMatch(e -> e instanceof ReportSubmitted r
                && r.period().equals(report.period()))) {
            return Optional.of(new RuleViolation("already-submitted", "The report for period " + report.period()
                    + " is already on record; post a ReportAmended to change what it says."));
        }
        if (next instanceof ReportReceived received && stream.stream().anyMatch(e -> e instanceof ReportReceived r
                && r.period().equals(received.period()) || e instanceof ReportSubmitted s
                && s.period().equals(received.period()))) {
            return Optional.of(new RuleViolation("already-received", "A report of " + received.iso3()
                    + " for period " + received.period() + " is already on record: a report is received once."));
        }
        if (next instanceof ReportAmended amended && stream.stream().noneMatch(e -> e instanceof ReportSubmitted r
                && r.period().equals(amended.period()))) {
            return Optional.of(new RuleViolation("no-such-report", "No report for period " + amended.period()
                    + " is on record to amend; post a ReportSubmitted first."));
        }
        return Optional.empty();
    }

    @EventSourcingHandler
    void on(StateEvent event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt,
            @MetaDataValue(EventStoreAutoConfiguration.CLIENT_ID) String clientId) {
        stream = of(event);
        recorded.add(new Fact(eventId, recordedAt, event));
        if (clientId != null) {
            clientIds.add(clientId);
        }
    }
}
