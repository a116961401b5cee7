package org.treatyregistry.reporting.stockpiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.contract.stockpiles.MinesTransferred;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.reporting.StockpileLedger;
import org.treatyregistry.reporting.record.Reporting;

class StockpileLedgerTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private final List<StateEvent> greece = List.of(
            new StockpileDeclared("GRC", d("2004-08-28"), "DM-31", 1_500_000, null, null),
            new MinesDestroyed("GRC", d("2008-02-01"), "DM-31", 500_000, 4, null),
            new MinesTransferred("GRC", d("2009-05-01"), "DM-31", 400_000, "Bulgaria (destruction)", null));

    @Test
    void stockGoesDownWithArticle4DestructionAndTransferNotWithArticle5() {
        assertThat(StockpileLedger.balanceOn(greece, d("2008-12-31"))).containsEntry("DM-31", 1_000_000L);
        assertThat(StockpileLedger.balanceOn(greece, d("2010-01-01"))).containsEntry("DM-31", 600_000L);
        List<StateEvent> withArticle5 = new java.util.ArrayList<>(greece);
        withArticle5.add(new MinesDestroyed("GRC", d("2010-02-01"), "DM-31", 900_000, 5, null));
        assertThat(StockpileLedger.totalOn(withArticle5, d("2011-01-01"))).isEqualTo(600_000L);
    }

    @Test
    void destroyingMoreThanIsHeldIsRefused() {
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2010-01-01"), "DM-31", 600_001, 4, null)))
                .map(RuleViolation::rule).contains("more-than-held");
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2010-01-01"), "DM-31", 600_000, 4, null)))
                .isEmpty();
        // a back-dated destruction that the later transfer would then overdraw
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2008-06-01"), "DM-31", 700_000, 4, null)))
                .map(RuleViolation::rule).contains("more-than-held");
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2010-01-01"), "PMN", 1, 4, null)))
                .map(RuleViolation::rule).contains("more-than-held");
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2010-01-01"), "DM-31", -1, 4, null)))
                .map(RuleViolation::rule).contains("negative-quantity");
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2010-01-01"), "DM-31", 1, 6, null)))
                .map(RuleViolation::rule).contains("article");
    }

    @Test
    void ukrainePassedItsArticle4DeadlineOf1June2010StillHoldingMines() {
        // Ukraine: in force 1 June 2006, so its deadline was 1 June 2010; in 2010 it was still destroying (SRAAP)
        var ukraine = Facts.of("UKR").signed("1999-02-24").deposited(InstrumentType.RATIFICATION, "2005-12-27")
                .history();
        var record = Reporting.of("UKR")
                .add(new StockpileDeclared("UKR", d("2006-11-28"), "PFM-1", 5_950_000, null, null))
                .add(new MinesDestroyed("UKR", d("2009-12-31"), "PFM-1", 1_000_000, 4, null)).record();
        StockpileView before = StockpileView.of("Ukraine", ukraine, record, d("2010-06-01"));
        assertThat(before.article4Deadline()).isEqualTo(d("2010-06-01"));
        assertThat(before.action14()).as("on its deadline day it is not yet late").isFalse();
        StockpileView after = StockpileView.of("Ukraine", ukraine, record, d("2010-06-02"));
        assertThat(after.action14()).isTrue();
        assertThat(after.totalHeld()).isEqualTo(4_950_000L);
        assertThat(after.history()).extracting(StockpileView.Entry::balanceAfter)
                .containsExactly(5_950_000L, 4_950_000L);
        assertThat(after.history()).extracting(StockpileView.Entry::eventId).containsExactly("r0", "r1");
    }

    @Test
    void previouslyUnknownStocksAreDestroyedWithinSixMonths() {
        List<StateEvent> facts = List.of(
                new StockpileDeclared("XYZ", d("2020-01-01"), "PMN", 100, null, null),
                new PreviouslyUnknownStockpileFound("XYZ", d("2024-01-10"), "PMN", 40, false, null),
                new MinesDestroyed("XYZ", d("2024-05-01"), "PMN", 40, 4, null),
                new PreviouslyUnknownStockpileFound("XYZ", d("2024-08-01"), "IED-AP", 12, true, null),
                new MinesDestroyed("XYZ", d("2025-03-01"), "IED-AP", 12, 4, null));
        List<StockpileLedger.Find> finds = StockpileLedger.finds(facts, d("2025-06-01"));
        assertThat(finds.get(0).metSixMonths()).isTrue();
        assertThat(finds.get(0).destroyedOn()).isEqualTo(d("2024-05-01"));
        assertThat(finds.get(1).deadline()).isEqualTo(d("2025-02-01"));
        assertThat(finds.get(1).destroyedOn()).isEqualTo(d("2025-03-01"));
        assertThat(finds.get(1).metSixMonths()).isFalse();
        assertThat(finds.get(1).missed()).isTrue();
        // before the six months ended, nothing was missed yet
        assertThat(StockpileLedger.finds(facts, d("2025-01-15")).get(1).missed()).isFalse();
    }

    @Test
    void destructionAfterFindsGoesToTheOldestFindFirst() {
        List<StateEvent> facts = List.of(
                new PreviouslyUnknownStockpileFound("XYZ", d("2024-01-01"), "PMN", 100, false, null),
                new PreviouslyUnknownStockpileFound("XYZ", d("2024-03-01"), "PMN", 50, false, null),
                new MinesDestroyed("XYZ", d("2024-04-01"), "PMN", 100, 4, null));
        List<StockpileLedger.Find> finds = StockpileLedger.finds(facts, d("2025-01-01"));
        assertThat(finds.get(0).metSixMonths()).isTrue();
        assertThat(finds.get(0).destroyedOn()).isEqualTo(d("2024-04-01"));
        assertThat(finds.get(1).missed()).isTrue();
    }

    @Test
    void aStockpileFactNamesItsMineTypeAndCountsAtLeastOneMine() {
        assertThat(StockpileLedger.check(List.of(), new StockpileDeclared("GRC", d("2004-08-28"), null, 5, null, null)))
                .map(RuleViolation::rule).contains("mine-type");
        assertThat(StockpileLedger.check(greece, new MinesDestroyed("GRC", d("2010-01-01"), " ", 1, 4, null)))
                .map(RuleViolation::rule).contains("mine-type");
        assertThat(StockpileLedger.check(List.of(), new PreviouslyUnknownStockpileFound("GRC", d("2024-01-01"), "PMN",
                0, false, null))).map(RuleViolation::rule).contains("zero-quantity");
    }
}
