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
import org.treatyregistry.contract.stockpiles.StockpileFact;
import org.treatyregistry.convention.RuleViolation;

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
        return event instanceof StockpileFact;
    }

    /** The change a fact makes to the stock of its mine type. */
    public static long change(StateEvent event) {
        boolean out = event instanceof MinesTransferred || event instanceof MinesDestroyed d && d.article() == 4;
        boolean in = event instanceof StockpileDeclared || event instanceof PreviouslyUnknownStockpileFound;
        return out ? -quantity(event) : in ? quantity(event) : 0;
    }

    public static long quantity(StateEvent event) {
        return ((StockpileFact) event).quantity();
    }

    public static String mineType(StateEvent event) {
        return ((StockpileFact) event).mineType();
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
     * Refuses negative or zero quantities, a missing mine type, an article other than 4 or 5, and any fact after
     * which the stock of a type
     * would be negative on some date: destroying or transferring more than was held then.
     */
    public static Optional<RuleViolation> check(List<? extends StateEvent> facts, StateEvent next) {
        long quantity = quantity(next);
        if (quantity < 0) {
            return Optional.of(new RuleViolation("negative-quantity", "A quantity of mines cannot be negative."));
        }
        if (quantity == 0) {
            return Optional.of(new RuleViolation("zero-quantity", "A stockpile fact is about at least one mine; "
                    + "report an empty stockpile in the Article 7 report instead."));
        }
        if (mineType(next) == null || mineType(next).isBlank()) {
            return Optional.of(new RuleViolation("mine-type", "Name the type of mine (e.g. PFM-1, PMN-2): the "
                    + "stockpile is kept per type (Art. 7.1 (b))."));
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
     * Action 15 for one find: the day its mines were all destroyed (or transferred for destruction), if they were
     * by {@code asOf}, against the six-month deadline.
     */
    public record Find(PreviouslyUnknownStockpileFound found, LocalDate deadline, LocalDate destroyedOn,
                       boolean metSixMonths, boolean missed) {
    }

    /**
     * Each find with its fate. Mines destroyed or transferred on or after a find go to the finds of their type
     * still outstanding, oldest first, before any other stock: Action 15 makes them the urgent ones.
     */
    public static List<Find> finds(List<? extends StateEvent> facts, LocalDate asOf) {
        List<StateEvent> inOrder = facts.stream().map(StateEvent.class::cast).filter(StockpileLedger::isStockpileFact)
                .filter(e -> !e.effectiveDate().isAfter(asOf))
                .sorted(Comparator.comparing(StateEvent::effectiveDate)).toList();
        List<Outstanding> finds = new ArrayList<>();
        for (StateEvent event : inOrder) {
            if (event instanceof PreviouslyUnknownStockpileFound found) {
                finds.add(new Outstanding(found));
            } else if (change(event) < 0) {
                long left = quantity(event);
                for (Outstanding find : finds) {
                    if (left > 0 && find.left > 0 && find.found.mineType().equals(mineType(event))) {
                        long taken = Math.min(left, find.left);
                        find.left -= taken;
                        left -= taken;
                        find.destroyedOn = find.left == 0 ? event.effectiveDate() : null;
                    }
                }
            }
        }
        return finds.stream().map(find -> {
            LocalDate deadline = find.found.foundOn().plusMonths(ACTION_15_MONTHS);
            boolean met = find.destroyedOn != null && !find.destroyedOn.isAfter(deadline);
            return new Find(find.found, deadline, find.destroyedOn, met, !met && asOf.isAfter(deadline));
        }).toList();
    }

    /** A find and what of it is still to destroy. */
    private static final class Outstanding {
        final PreviouslyUnknownStockpileFound found;
        long left;
        LocalDate destroyedOn;

        Outstanding(PreviouslyUnknownStockpileFound found) {
            this.found = found;
            this.left = found.quantity();
        }
    }
}
