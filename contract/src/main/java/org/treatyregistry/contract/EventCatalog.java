package org.treatyregistry.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.obligations.StockpileStillHeldReported;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.participation.WithdrawalRevoked;
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
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;

/**
 * The published event types and their CloudEvents {@code type} names. The name is part of the public
 * interface, so it is derived from the simple class name and never from the package: moving a record
 * between packages must not change what consumers see.
 */
public final class EventCatalog {

    public static final String TYPE_PREFIX = "org.treatyregistry.";

    private static final List<Class<? extends StateEvent>> EVENTS = List.of(
            TreatySigned.class, InstrumentDeposited.class, WithdrawalNotified.class, WithdrawalRevoked.class,
            ArmedConflictEngaged.class, ArmedConflictEnded.class,
            StockpileDestructionCompleted.class, StockpileStillHeldReported.class, MinedAreasReported.class,
            ExtensionRequested.class,
            ExtensionDecided.class, ClearanceCompleted.class, PreviouslyUnknownMinedAreaFound.class,
            FactRetracted.class,
            ReportSubmitted.class, ReportAmended.class, ReportReceived.class, MissingReportListed.class,
            ReportRecordCompletenessDeclared.class,
            StockpileDeclared.class, PreviouslyUnknownStockpileFound.class, MinesDestroyed.class,
            MinesTransferred.class, RetainedMinesStated.class,
            HazardousAreaRecorded.class, LandReleased.class, LandReleaseFigureStated.class,
            DelegationAttended.class, SurvivorOrganisationAttended.class, UnResolutionVoted.class,
            MoratoriumDeclared.class, AssessedContributionPaid.class, VoluntaryContributionMade.class,
            ExtensionRequestAssessed.class);

    private static final Map<String, Class<? extends StateEvent>> BY_TYPE =
            EVENTS.stream().collect(Collectors.toUnmodifiableMap(EventCatalog::typeOf, Function.identity()));

    private EventCatalog() {
    }

    public static List<Class<? extends StateEvent>> events() {
        return EVENTS;
    }

    public static String typeOf(Class<?> eventClass) {
        return TYPE_PREFIX + eventClass.getSimpleName();
    }

    public static Optional<Class<? extends StateEvent>> classOf(String cloudEventType) {
        return Optional.ofNullable(BY_TYPE.get(cloudEventType));
    }
}
