package org.treatyregistry.convention.reporting;

import java.util.OptionalInt;
import org.treatyregistry.contract.reports.ReportSubmitted;

/** A report's period: "initial" or the calendar year an annual report covers. */
public final class ReportPeriods {

    public static final String INITIAL = ReportSubmitted.INITIAL;

    private ReportPeriods() {
    }

    public static OptionalInt year(String period) {
        return period != null && period.matches("\\d{4}") ? OptionalInt.of(Integer.parseInt(period))
                : OptionalInt.empty();
    }

    public static boolean isValid(String period) {
        return INITIAL.equals(period) || year(period).isPresent();
    }
}
