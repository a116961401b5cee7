package org.treatyregistry.convention.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.obligations.StockpileStillHeldReported;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;

/** Convention Art. 4 on rows of article4_completions.csv (the reference data). */
class Article4Test {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static StockpileDestructionCompleted completed(String iso3, String on, DateBasis basis, Long mines,
                                                           FigurePrecision precision) {
        return new StockpileDestructionCompleted(iso3, on, null, basis, mines, precision, null, null, false);
    }

    @Test
    void albaniaCompletedBeforeItsDeadline() {
        StateHistory albania = Facts.of("ALB").signed("1998-09-08").deposited(RATIFICATION, "2000-02-29")
                .add(completed("ALB", "2002-04-04", DateBasis.COMPLETED, 1_683_860L, FigurePrecision.EXACT)).history();
        assertThat(Article4.on(albania, d("2002-04-03")).orElseThrow().state()).isEqualTo(Article4.State.PENDING);
        Article4.Status status = Article4.on(albania, d("2026-03-01")).orElseThrow();
        assertThat(status.deadline()).isEqualTo(d("2004-08-01"));
        assertThat(status.state()).isEqualTo(Article4.State.COMPLETED);
        assertThat(status.completedOn()).isEqualTo("2002-04-04");
        assertThat(status.figure()).isEqualTo("1,683,860");
        assertThat(status.missed()).isFalse();
    }

    @Test
    void belarusAnnouncedAnApproximateFigureAfterItsDeadline() {
        StateHistory belarus = Facts.of("BLR").deposited(ACCESSION, "2003-09-03")
                .add(completed("BLR", "2017-04-05", DateBasis.ANNOUNCED, 3_400_000L, FigurePrecision.APPROXIMATE))
                .history();
        Article4.Status status = Article4.on(belarus, d("2026-03-01")).orElseThrow();
        assertThat(status.deadline()).isEqualTo(d("2008-03-01"));
        assertThat(status.state()).isEqualTo(Article4.State.COMPLETED_AFTER_DEADLINE);
        assertThat(status.missed()).isTrue();
        assertThat(status.dateBasis()).isEqualTo(DateBasis.ANNOUNCED);
        assertThat(status.figure()).as("never shown as exact").isEqualTo("about 3,400,000");
    }

    @Test
    void figuresAreNeverShownMoreExactThanStated() {
        assertThat(Article4.figure(90_000L, FigurePrecision.LOWER_BOUND)).isEqualTo("more than 90,000"); // Argentina
        assertThat(Article4.figure(360_000L, FigurePrecision.AS_STATED)).isEqualTo("360,000 as stated"); // Bosnia
        assertThat(Article4.figure(null, FigurePrecision.RANGE)).isEqualTo("a range (see note)"); // Sierra Leone
        assertThat(Article4.figure(null, null)).as("Sudan, Angola: no total stated").isNull();
    }

    @Test
    void greeceStillHoldingStocksAfterItsDeadlineIsNotACompletion() {
        StateHistory greece = Facts.of("GRC").signed("1997-12-03").deposited(RATIFICATION, "2003-09-25")
                .add(new StockpileStillHeldReported("GRC", "2024", 325_413L, FigurePrecision.AS_STATED,
                        "ICBL (2024 intersessional): 325,413 remaining.", null)).history();
        assertThat(Article4.on(greece, d("2020-01-01")).orElseThrow().state())
                .as("before the statement the record holds no finding")
                .isEqualTo(Article4.State.NO_COMPLETION_RECORDED);
        Article4.Status status = Article4.on(greece, d("2026-03-01")).orElseThrow();
        assertThat(status.state()).isEqualTo(Article4.State.NOT_COMPLETED);
        assertThat(status.missed()).isTrue();
        assertThat(status.completedOn()).isNull();
        assertThat(status.stillHeldReportedOn()).isEqualTo("2024");
        assertThat(status.stillHeld()).isEqualTo("325,413 as stated");
        StateHistory destroyed = Facts.of("GRC").signed("1997-12-03").deposited(RATIFICATION, "2003-09-25")
                .add(new StockpileStillHeldReported("GRC", "2024", 325_413L, FigurePrecision.AS_STATED, null, null))
                .add(completed("GRC", "2025-06", DateBasis.COMPLETED, null, null)).history();
        assertThat(Article4.on(destroyed, d("2026-03-01")).orElseThrow().state())
                .as("a completion after the statement meets the obligation, late")
                .isEqualTo(Article4.State.COMPLETED_AFTER_DEADLINE);
    }

    @Test
    void turkmenistanMetItsDeadlineAndDestroyedItsRetainedMinesLater() {
        StateHistory turkmenistan = Facts.of("TKM").signed("1997-12-03").deposited(RATIFICATION, "1998-01-19")
                .add(completed("TKM", "2003-02-28", DateBasis.REPORTED, null, null))
                .add(new StockpileDestructionCompleted("TKM", "2005-04", null, DateBasis.REPORTED, null, null, null,
                        null, true)).history();
        Article4.Status status = Article4.on(turkmenistan, d("2006-01-01")).orElseThrow();
        assertThat(status.deadline()).isEqualTo(d("2003-03-01"));
        assertThat(status.completedOn()).as("the first completion met the obligation").isEqualTo("2003-02-28");
        assertThat(status.state()).isEqualTo(Article4.State.COMPLETED);
        assertThat(status.includingRetainedOn()).isEqualTo("2005-04");
    }
}
