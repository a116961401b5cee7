package org.treatyregistry.reporting.landrelease;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.facts.Facts;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.reporting.record.ReportingStream;

/**
 * Writes the read model of land release, built for the high-volume stream (decision 0008), into its
 * {@link ContaminationStore}. Events handled in one processor batch are written together, one update per
 * document, at the end of the batch and before its token is stored ({@link BatchEnd}): a crash or a failed write
 * in between leaves the token behind, and the batch is written again, idempotently.
 */
@Component
@ProcessingGroup("contamination")
public class ContaminationProjection {

    private static final String BATCH = ContaminationProjection.class.getName() + ".batch";

    private final ContaminationStore store;

    ContaminationProjection(ContaminationStore store) {
        this.store = store;
    }

    @EventHandler
    void on(HazardousAreaRecorded event, EventMessage<?> message) {
        enqueue(Facts.of(message));
    }

    @EventHandler
    void on(LandReleased event, EventMessage<?> message) {
        enqueue(Facts.of(message));
    }

    /** Collects the events of the processor's batch, written at its end; an event handled alone is written at once. */
    private void enqueue(Fact fact) {
        List<Fact> batch = BatchEnd.defer(BATCH, ArrayList::new, this::project);
        if (batch == null) {
            project(List.of(fact));
        } else {
            batch.add(fact);
        }
    }

    @ResetHandler
    void reset() {
        store.clear();
    }

    /**
     * Books events in order; idempotent (rows are set by event id, area events added to a set), so a redelivered
     * event changes nothing.
     */
    public void project(List<Fact> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, ContaminationStore.AreaKind> kinds = kindsOfAreas(events);
        Map<String, Map<String, String>> monthRows = new LinkedHashMap<>();
        Map<String, ContaminationStore.YearChange> yearChanges = new LinkedHashMap<>();
        Map<String, ContaminationStore.AreaChange> areaChanges = new LinkedHashMap<>();
        for (Fact fact : events) {
            StateEvent event = fact.event();
            String area = ReportingStream.of(event);
            ContaminationStore.AreaKind kind = kinds.get(area);
            if (kind == null) {
                throw new IllegalStateException("release " + fact.eventId() + " of unknown area " + area);
            }
            LocalDate date = event.effectiveDate();
            ContaminationStore.AreaEvent areaEvent;
            HazardousAreaRecorded identified = null;
            long mines;
            if (event instanceof LandReleased released) {
                mines = released.minesDestroyed();
                areaEvent = new ContaminationStore.AreaEvent(fact.eventId(), date.toString(), fact.recordedAt(),
                        released.method().name(), released.m2(), mines);
            } else {
                identified = (HazardousAreaRecorded) event;
                mines = 0;
                areaEvent = new ContaminationStore.AreaEvent(fact.eventId(), date.toString(), fact.recordedAt(),
                        ContaminationTotals.IDENTIFIED, identified.sizeM2(), null);
            }
            areaChanges.merge(area, new ContaminationStore.AreaChange(List.of(areaEvent), identified),
                    ContaminationStore.AreaChange::and);
            monthRows.computeIfAbsent(ContaminationStore.monthId(event.iso3(), date.getYear(), date.getMonthValue()),
                    k -> new LinkedHashMap<>()).put(fact.eventId(), ContaminationTotals.row(date, fact.recordedAt(),
                    kind.status(), kind.contamination(), areaEvent.kind(), areaEvent.m2(), mines));
            yearChanges.merge(ContaminationStore.yearId(event.iso3(), date.getYear()),
                    new ContaminationStore.YearChange(event.iso3(), date.getYear(),
                            new TreeSet<>(Set.of(date.getMonthValue())), fact.recordedAt()),
                    ContaminationStore.YearChange::and);
        }
        store.write(monthRows, yearChanges.values(), areaChanges);
    }

    /** The status and kind of contamination of every area the events concern: from the batch, else the store. */
    private Map<String, ContaminationStore.AreaKind> kindsOfAreas(List<Fact> events) {
        Map<String, ContaminationStore.AreaKind> kinds = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Fact fact : events) {
            if (fact.event() instanceof HazardousAreaRecorded a) {
                kinds.put(ReportingStream.of(a), new ContaminationStore.AreaKind(a.status().name(),
                        a.contamination().name()));
            } else if (!kinds.containsKey(ReportingStream.of(fact.event()))) {
                missing.add(ReportingStream.of(fact.event()));
            }
        }
        store.kindsOf(missing).forEach(kinds::putIfAbsent);
        return kinds;
    }
}
