package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;
import java.time.Year;
import org.treatyregistry.contract.StateEvent;

/**
 * A source states how many anti-personnel mines a State retained under Article 3 (for training in and development
 * of detection, clearance or destruction techniques), for a year or in its initial declaration. A figure as a
 * source states it, not a report on record; the stockpile ledger does not draw on it.
 *
 * @param figureFor  the calendar year the figure is for ("2010"), or "initial" for the State's first declaration
 * @param statedIn   the year of the source that states it
 */
public record RetainedMinesStated(String iso3, String figureFor, long minesRetained, int statedIn,
                                  String sourceReference) implements StateEvent {

    /** The end of the year the figure is for; an initial declaration's year is not given, so the source's year. */
    @Override
    public LocalDate effectiveDate() {
        int year = figureFor != null && figureFor.matches("\\d{4}") ? Integer.parseInt(figureFor) : statedIn;
        return Year.of(year).atDay(Year.of(year).length());
    }
}
