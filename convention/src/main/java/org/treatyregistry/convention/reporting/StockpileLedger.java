package org.treatyregistry.convention.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.contract.stockpiles.MinesTransferred;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.convention.participation.RuleViolation;

/**
 * A State's stockpiled anti-personnel mines by type over time: declared and found stocks go up; destruction
 * under Article 4 and transfer for destruction (Art. 3.2) go down. Mines destroyed under Article 5 come from
 * mined areas, not from the stockpile, and leave it unchanged. Pure: the facts are given in recording order.
 */
public final class StockpileLedger {

    /** Action 15: previously unknown stockpiles are destroyed "no later than six months after their discovery". */
    static final int ACTION_15_MONTHS = 6;

    private StockpileLedger() {
    }

    public static boolean isStockpileFact(StateEvent event) {
        return event instanceof StockpileDeclared || event instanceof PreviouslyUnknownStockpileFound
                || event instanceof MinesDestroyed || event instanceof MinesTransferred;
    }

    /** The change a fact makes to the stock of its mine type. */
    public static long change(StateEvent event) {
        boolean out = event instanceof MinesTransferred || event instanceof MinesDestroyed d && d.article() == 4;
        boolean in = event instanceof StockpileDeclared || event instanceof PreviouslyUnknownStockpileFound;
        return out ? -quantity(event) : in ? quantity(event) : 0;
    }

    public static long quantity(StateEvent event) {
        if (event instanceof StockpileDeclared d) {
            return d.quantity();
        }
        if (event instanceof PreviouslyUnknownStockpileFound f) {
            return f.quantity();
        }
        if (event instanceof MinesDestroyed d) {
            return d.quantity();
        }
        if (event instanceof MinesTransferred t) {
            return t.quantity();
        }
        throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not a stockpile fact");
    }

    public static String mineType(StateEvent event) {
        if (event instanceof StockpileDeclared d) {
            return d.mineType();
        }
        if (event instanceof PreviouslyUnknownStockpileFound f) {
            return f.mineType();
        }
        if (event instanceof MinesDestroyed d) {
            return d.mineType();
        }
        if (event instanceof MinesTransferred t) {
            return t.mineType();
        }
        throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not a stockpile fact");
    }

    /** The stock of each mine type held on {@code date}. */
    public static TreeMap<String, Long> balanceOn(List<? extends StateEvent> facts, LocalDate date) {
        TreeMap<String, Long> balance = new TreeMap<>();
        facts.stream().filter(StockpileLedger::isStockpileFact).filter(e -> !e.effectiveDate().isAfter(date))
                .forEach(e -> balance.merge(mineType(e), change(e), Long::sum));
        return balance;
    }

    public static long totalOn(List<? extends StateEvent> facts, LocalDate date) {
        return balanceOn(facts, date).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Refuses negative quantities, an article other than 4 or 5, and any fact after which the stock of a type
     * would be negative on some date: destroying or transferring more than was held then.
     */
    public static Optional<RuleViolation> check(List<? extends StateEvent> facts, StateEvent next) {
        long quantity = quantity(next);
        if (quantity < 0) {
            return Optional.of(new RuleViolation("negative-quantity", "A quantity of mines cannot be negative."));
        }
        if (next instanceof MinesDestroyed d && d.article() != 4 && d.article() != 5) {
            return Optional.of(new RuleViolation("article", "Mines are destroyed under Article 4 (stockpiles) or "
                    + "Article 5 (mined areas); got article " + d.article() + "."));
        }
        if (change(next) >= 0) {
            return Optional.empty();
        }
        String type = mineType(next);
        List<StateEvent> after = new ArrayList<>(facts);
        after.add(next);
        TreeSet<LocalDate> dates = new TreeSet<>();
        after.stream().filter(StockpileLedger::isStockpileFact).filter(e -> mineType(e).equals(type))
                .map(StateEvent::effectiveDate).filter(d -> !d.isBefore(next.effectiveDate())).forEach(dates::add);
        for (LocalDate date : dates) {
            long held = balanceOn(after, date).getOrDefault(type, 0L);
            if (held < 0) {
                long before = balanceOn(facts, date).getOrDefault(type, 0L);
                return Optional.of(new RuleViolation("more-than-held", "Taking " + quantity + " mines of type "
                        + type + " out of the stockpile on " + next.effectiveDate() + " exceeds what the record "
                        + "shows held" + (date.equals(next.effectiveDate()) ? " then (" : " on " + date + " (")
                        + before + "): declare or record the stock first."));
            }
        }
        return Optional.empty();
    }

    /**
     * Action 15 for one find: the day the stock of that type fell back to what it was before the find (the found
     * mines destroyed), if it has by {@code asOf}, against the six-month deadline.
     */
    public record Find(PreviouslyUnknownStockpileFound found, LocalDate deadline, LocalDate destroyedOn,
                       boolean metSixMonths, boolean missed) {
    }

    public static List<Find> finds(List<? extends StateEvent> facts, LocalDate asOf) {
        List<Find> finds = new ArrayList<>();
        for (PreviouslyUnknownStockpileFound found : facts.stream()
                .filter(PreviouslyUnknownStockpileFound.class::isInstance).map(PreviouslyUnknownStockpileFound.class::cast)
                .filter(f -> !f.foundOn().isAfter(asOf)).toList()) {
            String type = found.mineType();
            long before = balanceOn(facts, found.foundOn().minusDays(1)).getOrDefault(type, 0L);
            LocalDate deadline = found.foundOn().plusMonths(ACTION_15_MONTHS);
            LocalDate destroyedOn = facts.stream().filter(StockpileLedger::isStockpileFact)
                    .filter(e -> mineType(e).equals(type) && change(e) < 0)
                    .map(StateEvent::effectiveDate)
                    .filter(d -> !d.isBefore(found.foundOn()) && !d.isAfter(asOf)).sorted()
                    .filter(d -> balanceOn(facts, d).getOrDefault(type, 0L) <= before)
                    .findFirst().orElse(null);
            boolean met = destroyedOn != null && !destroyedOn.isAfter(deadline);
            finds.add(new Find(found, deadline, destroyedOn, met, !met && asOf.isAfter(deadline)));
        }
        finds.sort(Comparator.comparing(f -> f.found().foundOn()));
        return finds;
    }
}
