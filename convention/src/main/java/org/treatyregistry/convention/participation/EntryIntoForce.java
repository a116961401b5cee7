package org.treatyregistry.convention.participation;

import java.time.LocalDate;
import java.time.YearMonth;
import org.treatyregistry.contract.PartialDate;

/** When the Convention binds a State (Convention Art. 17). */
public final class EntryIntoForce {

    /** Art. 17.1: the Convention entered into force on the first day of the sixth month after September 1998. */
    public static final LocalDate OF_THE_CONVENTION = LocalDate.of(1999, 3, 1);

    private EntryIntoForce() {
    }

    /**
     * Art. 17.1 and 17.2: for an instrument deposited before the Convention's entry into force, 1 March 1999;
     * after it, the first day of the sixth month after the month of deposit (27 December 2005 -> 1 June 2006).
     * Only the month of deposit matters, so a deposit known only to the month still has an exact date.
     */
    public static LocalDate forDepositIn(YearMonth depositMonth) {
        LocalDate byArticle17_2 = depositMonth.plusMonths(6).atDay(1);
        return byArticle17_2.isBefore(OF_THE_CONVENTION) ? OF_THE_CONVENTION : byArticle17_2;
    }

    /**
     * A succession notified with effect from independence binds from that date (South Sudan: 9 July 2011);
     * every other deposit under Art. 17. A deposit known only to the year has no entry-into-force date.
     */
    public static LocalDate of(PartialDate deposit, LocalDate effectiveFrom) {
        return effectiveFrom != null ? effectiveFrom : forDepositIn(deposit.yearMonth());
    }
}
