package org.treatyregistry.reporting.stockpiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.convention.reporting.StockpileLedger;

/**
 * A State's stockpile on a date: what it holds by type, each fact behind it with the balance after it, its
 * Article 4 deadline and whether it passed it still holding mines (Action 14), and its finds (Action 15).
 */
public record StockpileView(String iso3, String name, LocalDate asOf, Map<String, Long> held, long totalHeld,
                            LocalDate article4Deadline, Long heldOnDeadline, boolean action14,
                            List<StockpileLedger.Find> finds, List<Entry> history) {

    /** One fact and the stock of its type after it, with the fact's index in the transparency log (once logged). */
    public record Entry(LocalDate date, String fact, String mineType, long quantity, long change, long balanceAfter,
                        String eventId, Long logIndex) {
    }

    /** The stockpile facts of a record: those whose log indexes a view of it needs. */
    public static List<String> stockpileEventIds(ReportingRecord record) {
        return record.facts().stream().filter(f -> StockpileLedger.isStockpileFact(f.event())).map(Fact::eventId)
                .toList();
    }

    /** The view without log indexes, for the rules that read a stockpile and show none of its facts. */
    public static StockpileView of(String name, StateHistory participation, ReportingRecord record, LocalDate asOf) {
        return of(name, participation, record, asOf, Map.of());
    }

    public static StockpileView of(String name, StateHistory participation, ReportingRecord record, LocalDate asOf,
                                   Map<String, Long> logIndexes) {
        List<StateEvent> facts = record.facts().stream().map(Fact::event)
                .filter(StockpileLedger::isStockpileFact).toList();
        List<Entry> history = new ArrayList<>();
        Map<String, Long> running = new HashMap<>();
        record.facts().stream().filter(f -> StockpileLedger.isStockpileFact(f.event()))
                .filter(f -> !f.event().effectiveDate().isAfter(asOf))
                .sorted(Comparator.comparing(f -> f.event().effectiveDate()))
                .forEach(f -> {
                    String type = StockpileLedger.mineType(f.event());
                    long after = running.merge(type, StockpileLedger.change(f.event()), Long::sum);
                    history.add(new Entry(f.event().effectiveDate(), f.event().getClass().getSimpleName(), type,
                            StockpileLedger.quantity(f.event()), StockpileLedger.change(f.event()), after,
                            f.eventId(), logIndexes.get(f.eventId())));
                });
        Map<String, Long> held = StockpileLedger.balanceOn(facts, asOf);
        long total = held.values().stream().mapToLong(Long::longValue).sum();
        LocalDate deadline = Article4.on(participation, asOf).map(Article4.Status::deadline).orElse(null);
        Long onDeadline = deadline == null ? null : StockpileLedger.totalOn(facts, deadline);
        // Action 14: the deadline passed with mines held, and they are still held
        boolean action14 = deadline != null && asOf.isAfter(deadline) && onDeadline > 0 && total > 0;
        return new StockpileView(record.iso3(), name, asOf, held, total, deadline, onDeadline, action14,
                StockpileLedger.finds(facts, asOf), history);
    }
}
