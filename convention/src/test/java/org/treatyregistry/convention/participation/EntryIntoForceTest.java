package org.treatyregistry.convention.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Convention Art. 17, on deposits from the seeds and the participation record. */
class EntryIntoForceTest {

    @ParameterizedTest(name = "{0}: deposited {1}, in force {2}")
    @CsvSource({
            // Art. 17.1: the first instruments, the 40th of them (Burkina Faso) in September 1998
            "Canada, 1997-12-03, 1999-03-01",
            "Burkina Faso, 1998-09-16, 1999-03-01",
            // Art. 17.2: later deposits, first day of the sixth month after the month of deposit
            "Ukraine, 2005-12-27, 2006-06-01",
            "Belarus, 2003-09-03, 2004-03-01",
            "Greece, 2003-09-25, 2004-03-01",
            "Turkey, 2003-09-25, 2004-03-01",
            "Marshall Islands, 2025-03-12, 2025-09-01",
    })
    void entersIntoForceUnderArticle17(String state, LocalDate deposit, LocalDate inForce) {
        assertThat(EntryIntoForce.forDepositIn(YearMonth.from(deposit))).as(state).isEqualTo(inForce);
    }

    @ParameterizedTest(name = "deposited in {0}: in force {1}")
    @CsvSource({
            // after the 40th instrument but before 1 March 1999: Art. 17.2 applies, not 17.1
            "1998-10, 1999-04-01",
            // Poland's deposit is known only to the month: the day does not change the date
            "2012-12, 2013-06-01",
    })
    void onlyTheMonthOfDepositMatters(YearMonth month, LocalDate inForce) {
        assertThat(EntryIntoForce.forDepositIn(month)).isEqualTo(inForce);
    }
}
