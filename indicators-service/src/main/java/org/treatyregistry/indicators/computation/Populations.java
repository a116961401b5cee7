package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.convention.reporting.StockpileLedger;
import org.treatyregistry.indicators.catalogue.Indicator.Population;

/**
 * The populations indicators are measured over, for an indicator year: taken on 30 April of that year, the day
 * the reports it reads were due (SRAAP section 5), by the Convention's rules. Each State comes with the events
 * its membership rests on.
 */
final class Populations {

    private Populations() {
    }

    /** The day an indicator year's reports were due: 30 April (Art. 7.2), covering the year before. */
    static LocalDate reportingDate(int year) {
        return Article7.annualReport(year - 1);
    }

    /** The population, or empty for those not made of States Parties (requests, meetings, votes, States not party). */
    static Optional<Map<String, List<String>>> of(Population population, World world, int year) {
        return world.shared("population|" + population + "|" + year, () -> compute(population, world, year));
    }

    /** Populations whose members are known only from the reports: who holds stockpiles, who retains mines. */
    static boolean readFromReports(Population population) {
        return population == Population.IMPLEMENTING_ARTICLE_4 || population == Population.MISSED_ARTICLE_4_DEADLINE
                || population == Population.RETAINING_UNDER_ARTICLE_3
                || population == Population.WITH_ARTICLE_3_4_5_OBLIGATIONS;
    }

    private static Optional<Map<String, List<String>>> compute(Population population, World world, int year) {
        if (!population.ofStatesParties()) {
            return Optional.empty();
        }
        LocalDate on = reportingDate(year);
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (StateHistory history : world.histories()) {
            if (!history.isBoundOn(on)) {
                continue;
            }
            ReportingRecord record = world.reportsOf(history.iso3());
            List<String> why = switch (population) {
                // "States Parties that report providing assistance": who provides it is what their reports say
                case ALL_STATES_PARTIES, PROVIDING_ASSISTANCE -> depositOn(history, on);
                case AFFECTED_STATES_PARTIES -> affected(history, on) ? depositOn(history, on) : null;
                case IMPLEMENTING_ARTICLE_4 -> holding(record, on) ? stockpileFacts(record, on) : null;
                case MISSED_ARTICLE_4_DEADLINE ->
                        missedArticle4(history, record, on) ? stockpileFacts(record, on) : null;
                case RETAINING_UNDER_ARTICLE_3 -> retaining(world, record, year);
                case WITH_ARTICLE_3_4_5_OBLIGATIONS -> affected(history, on) ? depositOn(history, on)
                        : holding(record, on) ? stockpileFacts(record, on) : retaining(world, record, year);
                default -> null;
            };
            if (why != null) {
                members.put(history.iso3(), why);
            }
        }
        return Optional.of(members);
    }

    /** Article 5 obligations on the day: mined areas on record and no completion in force. */
    static boolean affected(StateHistory history, LocalDate on) {
        return Article5.on(history, on).filter(s -> s.state() != Article5.State.COMPLETED).isPresent();
    }

    /** Implementing Article 4: stockpiled mines held on the day, by the reported stockpile facts. */
    static boolean holding(ReportingRecord record, LocalDate on) {
        return StockpileLedger.totalOn(stockpile(record), on) > 0;
    }

    /** Action 14: the Article 4 deadline passed with mines held, and they are still held on the day. */
    static boolean missedArticle4(StateHistory history, ReportingRecord record, LocalDate on) {
        LocalDate deadline = Article4.on(history, on).map(Article4.Status::deadline).orElse(null);
        return deadline != null && on.isAfter(deadline) && StockpileLedger.totalOn(stockpile(record), deadline) > 0
                && holding(record, on);
    }

    /** Retaining under Article 3: the latest report up to the year's lists retained mines. */
    private static List<String> retaining(World world, ReportingRecord record, int year) {
        return record.latestAnnualReport(year - 1, world.asOf()).filter(r -> r.content().retainedTotal() > 0)
                .map(r -> List.of(r.contentEventId())).orElse(null);
    }

    private static List<StateEvent> stockpile(ReportingRecord record) {
        return record.facts().stream().map(Fact::event).filter(StockpileLedger::isStockpileFact).toList();
    }

    private static List<String> stockpileFacts(ReportingRecord record, LocalDate on) {
        return record.facts().stream().filter(f -> StockpileLedger.isStockpileFact(f.event()))
                .filter(f -> !f.event().effectiveDate().isAfter(on)).map(Fact::eventId).toList();
    }

    private static List<String> depositOn(StateHistory history, LocalDate on) {
        return history.depositOn(on).flatMap(d -> history.facts().stream().filter(f -> f.event() == d)
                .map(Fact::eventId).findFirst()).map(List::of).orElse(List.of());
    }
}
