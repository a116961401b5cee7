package org.treatyregistry.registry.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.obligations.StockpileStillHeldReported;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.convention.RuleViolation;

class FactConversionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** A posted fact as an integration would send it. */
    static PostedFact fact(String json) {
        try {
            String withId = json.replaceFirst("\\{", "{'clientId': '" + UUID.randomUUID() + "', ");
            return JSON.readValue(withId.replace('\'', '"'), PostedFact.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PostedFact deposit(String date, String corrects) {
        return fact("{'type': 'InstrumentDeposited', 'iso3': 'POL', 'instrumentType': 'RATIFICATION', 'depositDate': '"
                + date + "'" + (corrects == null ? "" : ", 'corrects': '" + corrects
                + "', 'correctionReason': 'notification reread'") + "}");
    }

    private static String rule(PostedFact fact) {
        try {
            FactConversion.toEvents(fact, "Poland", TODAY);
            return "none";
        } catch (RuleViolation violation) {
            return violation.rule();
        }
    }

    @Test
    void keepsADepositKnownOnlyToTheMonthAndComputesItsEntryIntoForce() {
        InstrumentDeposited poland = (InstrumentDeposited) FactConversion.toEvents(deposit("2012-12", null), "Poland",
                TODAY).get(0);
        assertThat(poland.depositDate()).isEqualTo("2012-12");
        assertThat(poland.entryIntoForce()).isEqualTo(LocalDate.of(2013, 6, 1));
    }

    @Test
    void acceptsADateOneDayAheadAndRefusesOneFurther() {
        assertThat(rule(deposit("2026-11-23", null))).isEqualTo("none");
        assertThat(rule(deposit("2026-11-24", null))).isEqualTo("date-in-future");
    }

    @Test
    void refusesADateBeforeTheConventionWasOpenForSignature() {
        assertThat(rule(deposit("1997-12-02", null))).isEqualTo("date-before-convention");
    }

    @Test
    void refusesADepositKnownOnlyToTheYear() {
        assertThat(rule(deposit("2012", null))).isEqualTo("deposit-month-unknown");
    }

    @Test
    void refusesADateInAnotherForm() {
        assertThat(rule(deposit("12/2012", null))).isEqualTo("bad-date");
    }

    @Test
    void refusesAFactWithoutTheFieldsOfItsType() {
        PostedFact noType = fact("{'type': 'InstrumentDeposited', 'iso3': 'POL', 'depositDate': '2012-12-01'}");
        assertThatThrownBy(() -> FactConversion.toEvents(noType, "Poland", TODAY))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("instrumentType"));
    }

    @Test
    void aCorrectionRetractsTheFactItCorrectsBeforeRecordingTheRightOne() {
        assertThat(FactConversion.toEvents(deposit("2012-12-07", "evt-1"), "Poland", TODAY))
                .hasSize(2)
                .first().isInstanceOfSatisfying(FactRetracted.class,
                        r -> assertThat(r.retractedEventId()).isEqualTo("evt-1"));
    }

    /** The one event a posted fact converts to. */
    private static <T> T converted(Class<T> type, String json, String name) {
        return type.cast(FactConversion.toEvents(fact(json), name, TODAY).get(0));
    }

    @Test
    void keepsAStockpileFigureWithItsPrecision() {
        StockpileDestructionCompleted belarus = converted(StockpileDestructionCompleted.class,
                "{'type': 'StockpileDestructionCompleted', 'iso3': 'BLR', 'completedOn': '2017-04-05', "
                        + "'dateBasis': 'ANNOUNCED', 'minesDestroyed': 3400000, 'figurePrecision': 'APPROXIMATE'}",
                "Belarus");
        assertThat(belarus.minesDestroyed()).isEqualTo(3_400_000L);
        assertThat(belarus.figurePrecision()).isEqualTo(FigurePrecision.APPROXIMATE);
        assertThat(belarus.dateBasis()).isEqualTo(DateBasis.ANNOUNCED);
    }

    @Test
    void refusesAStockpileFigureWithoutItsPrecision() {
        assertThat(rule(fact("{'type': 'StockpileDestructionCompleted', 'iso3': 'BLR', 'completedOn': '2017-04-05', "
                + "'minesDestroyed': 3400000}"))).isEqualTo("figure-precision");
    }

    @Test
    void refusesARangeWithANumberAndKeepsItsEndsInTheNote() {
        assertThat(rule(fact("{'type': 'StockpileDestructionCompleted', 'iso3': 'SLE', 'completedOn': '2003-02-11', "
                + "'minesDestroyed': 956, 'figurePrecision': 'RANGE', 'note': 'between 956 and 959'}")))
                .isEqualTo("figure-range");
        assertThat(rule(fact("{'type': 'StockpileDestructionCompleted', 'iso3': 'SLE', 'completedOn': '2003-02-11', "
                + "'figurePrecision': 'RANGE', 'note': 'between 956 and 959'}"))).isEqualTo("none");
    }

    @Test
    void refusesANegativeNumberOfMinesHeld() {
        assertThat(rule(fact("{'type': 'StockpileStillHeldReported', 'iso3': 'GRC', 'reportedOn': '2024', "
                + "'minesHeld': -1, 'figurePrecision': 'AS_STATED'}"))).isEqualTo("negative-quantity");
    }

    @Test
    void recordsAStatementThatStockpiledMinesWereStillHeld() {
        StockpileStillHeldReported greece = converted(StockpileStillHeldReported.class,
                "{'type': 'StockpileStillHeldReported', 'iso3': 'GRC', 'reportedOn': '2024', 'minesHeld': 325413, "
                        + "'figurePrecision': 'AS_STATED', 'sourceReference': 'ICBL 2024 intersessional'}", "Greece");
        assertThat(greece.reported().precision()).isEqualTo(PartialDate.Precision.YEAR);
        assertThat(greece.minesHeld()).isEqualTo(325_413L);
    }

    @Test
    void refusesAStatementOfMinesHeldWithoutItsFigure() {
        assertThat(rule(fact("{'type': 'StockpileStillHeldReported', 'iso3': 'GRC'}"))).isEqualTo("missing-field");
    }
}
