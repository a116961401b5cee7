package org.treatyregistry.reporting.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.reports.ReportRecordCompletenessDeclared;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.contract.stockpiles.MinesTransferred;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.contract.stockpiles.RetainedMinesStated;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.FactChecks;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.ingestion.PostedEventIngestion;
import org.treatyregistry.platform.ingestion.PostedEvents;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.ingestion.StreamIngestion;
import org.treatyregistry.reporting.participation.RegistryFacts;
import org.treatyregistry.reporting.record.RecordReportingFacts;
import org.treatyregistry.reporting.record.ReportingStream;
import org.treatyregistry.reporting.reports.ReportRules;

/**
 * Records posted reporting facts under the ingestion contract: each item is read, checked against its stream as
 * the event store holds it (and the items before it) and against the State's participation as the registry's
 * events have it; then each stream's facts are recorded in one command.
 */
@Service
public class ReportingIngestion extends PostedEventIngestion {

    private final RegistryFacts registry;

    ReportingIngestion(StreamIngestion ingestion, RegistryFacts registry, Clock clock,
                       @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(ingestion, new PostedEvents(json, "a reporting fact", ReportSubmitted.class, ReportAmended.class,
                StockpileDeclared.class, PreviouslyUnknownStockpileFound.class, MinesDestroyed.class,
                MinesTransferred.class, HazardousAreaRecorded.class, LandReleased.class, ReportReceived.class,
                MissingReportListed.class, ReportRecordCompletenessDeclared.class, RetainedMinesStated.class,
                LandReleaseFigureStated.class), clock);
        this.registry = registry;
    }

    @Override
    public String streamOf(StateEvent event) {
        return ReportingStream.of(event);
    }

    @Override
    public Object recordCommand(String stream, List<PendingFact> facts) {
        return new RecordReportingFacts(stream, facts);
    }

    @Override
    public Optional<RuleViolation> check(StateEvent event, RecordedStream recorded) {
        List<StateEvent> stream = recorded.events();
        return checkGenerally(event, LocalDate.now(clock))
                .or(() -> ReportingStream.check(stream, event))
                .or(() -> checkWithRegistry(event, stream));
    }

    private static Optional<RuleViolation> checkGenerally(StateEvent event, LocalDate today) {
        boolean noArea = event instanceof HazardousAreaRecorded a && blank(a.areaId())
                || event instanceof LandReleased r && blank(r.areaId());
        return FactChecks.stateAndDate(event, today).or(() -> noArea ? Optional.of(new RuleViolation("area-id",
                "A hazardous area needs its areaId, unique within the State.")) : Optional.empty());
    }

    private Optional<RuleViolation> checkWithRegistry(StateEvent event, List<StateEvent> stream) {
        String name = Countries.nameOf(event.iso3()).orElse(event.iso3());
        if (event instanceof ReportSubmitted report) {
            return ReportRules.check(report, registry.history(event.iso3(), clock.instant()), name);
        }
        if (event instanceof ReportAmended amended) {
            return ReportRules.check(amended, stream);
        }
        return ReportRules.checkAboutReports(event).or(() -> ReportRules.checkStated(event));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
