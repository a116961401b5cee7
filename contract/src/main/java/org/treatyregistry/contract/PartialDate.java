package org.treatyregistry.contract;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A date known to the day, to the month or only to the year, as the sources give it: {@code 2005-12-27},
 * {@code 2012-12}, {@code 2025}. Events carry it as that string; no day is ever invented. For "as of" questions
 * a partial date counts from the last day of its period ({@link #certainBy()}), the first day on which the fact
 * had certainly happened.
 */
public record PartialDate(int year, Integer month, Integer day) {

    public enum Precision { DAY, MONTH, YEAR }

    public static PartialDate parse(String text) {
        try {
            return switch (text.length()) {
                case 10 -> of(LocalDate.parse(text));
                case 7 -> {
                    YearMonth month = YearMonth.parse(text);
                    yield new PartialDate(month.getYear(), month.getMonthValue(), null);
                }
                case 4 -> new PartialDate(Year.parse(text).getValue(), null, null);
                default -> throw new IllegalArgumentException(invalid(text));
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(invalid(text), e);
        }
    }

    public static PartialDate of(LocalDate date) {
        return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static String invalid(String text) {
        return "'" + text + "' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY";
    }

    public Precision precision() {
        return day != null ? Precision.DAY : month != null ? Precision.MONTH : Precision.YEAR;
    }

    public boolean isExact() {
        return day != null;
    }

    public LocalDate earliest() {
        return LocalDate.of(year, month == null ? 1 : month, day == null ? 1 : day);
    }

    /** The last day of the period: on and after it, the fact had certainly happened. */
    public LocalDate certainBy() {
        if (day != null) {
            return LocalDate.of(year, month, day);
        }
        return month != null ? YearMonth.of(year, month).atEndOfMonth() : Year.of(year).atDay(Year.of(year).length());
    }

    /** The month, where known: enough for Convention Art. 17, which counts from the month of deposit. */
    public YearMonth yearMonth() {
        if (month == null) {
            throw new IllegalStateException(this + " is known only to the year");
        }
        return YearMonth.of(year, month);
    }

    @Override
    public String toString() {
        return precision() == Precision.DAY ? certainBy().toString()
                : precision() == Precision.MONTH ? yearMonth().toString() : Integer.toString(year);
    }
}
