package org.treatyregistry.contract.landrelease;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State-wide land-release figure as a source states it (an extension request's annual table, a Landmine
 * Monitor profile): a total for a period, by metric and unit, not a hazardous area and not a sum of area events.
 *
 * @param period "2015" (a year), "2017-02" ("as of February 2017") or "2010-2018" (a span of years)
 * @param metric as the source measures it, e.g. "ap_mine_affected_land_released", "land_released_total"
 * @param unit   "m2" or "km2", as stated: figures are never converted into a precision they do not have
 */
public record LandReleaseFigureStated(String iso3, String period, String metric, BigDecimal value, String unit,
                                      String sourceReference) implements StateEvent {

    /** A period is a year, a month or a span of years, and the figure is not negative. */
    public LandReleaseFigureStated {
        if (period == null || !(period.matches("\\d{4}(-\\d{2})?") || period.matches("\\d{4}-\\d{4}"))) {
            throw new IllegalArgumentException("period '" + period + "' is not YYYY, YYYY-MM or YYYY-YYYY");
        }
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException("a land-release figure cannot be negative");
        }
    }

    /** The last day of the period the figure is for. */
    @Override
    public LocalDate effectiveDate() {
        return period.matches("\\d{4}-\\d{4}") ? PartialDate.parse(period.substring(5)).certainBy()
                : PartialDate.parse(period).certainBy();
    }
}
