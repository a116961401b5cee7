package org.treatyregistry.convention.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.participation.WithdrawalRevoked;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.convention.alerts.Alerts.Kind;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;

/** Alerts on real records: each fires once, on its day, judged by the record as it stood that day. */
class AlertsTest {

    private static final LocalDate EVER = LocalDate.of(1997, 1, 1);

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static List<Alert> firing(StateHistory history, String from, String to) {
        return Alerts.firing(history, d(from), d(to), Alerts.DEFAULT_DAYS_AHEAD);
    }

    @Test
    void theMarshallIslandsEntryIntoForceFiresOnItsDayAndNothingElseYet() {
        // Ratified 12 March 2025: in force on 1 September 2025 (Art. 17.2); Art. 4 runs to 1 September 2029.
        StateHistory marshallIslands = Facts.of("MHL").signed("1997-12-04").deposited(RATIFICATION, "2025-03-12")
                .history();
        assertThat(firing(marshallIslands, "1997-01-01", "2026-12-06")).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(Kind.ENTRY_INTO_FORCE_REACHED);
            assertThat(alert.firesOn()).isEqualTo(d("2025-09-01"));
            assertThat(alert.id()).isEqualTo("ENTRY_INTO_FORCE_REACHED/MHL/2025-09-01");
            assertThat(alert.restsOn()).containsExactly("e1");
        });
        assertThat(firing(marshallIslands, "2029-01-01", "2029-12-31")).extracting(Alert::kind, Alert::firesOn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.ARTICLE_4_DEADLINE_APPROACHING, d("2029-06-03")),
                        org.assertj.core.groups.Tuple.tuple(Kind.ARTICLE_4_DEADLINE_APPROACHING, d("2029-08-02")),
                        org.assertj.core.groups.Tuple.tuple(Kind.ARTICLE_4_DEADLINE_PASSED, d("2029-09-02")));
    }

    @Test
    void ukrainesArticle4DeadlineIsWarnedOfAndItsPassingSaidWithoutClaimingNonCompliance() {
        StateHistory ukraine = Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27").history();
        List<Alert> article4 = firing(ukraine, "2010-01-01", "2010-12-31");
        assertThat(article4).extracting(Alert::id).containsExactly(
                "ARTICLE_4_DEADLINE_APPROACHING/UKR/2010-06-01/90", "ARTICLE_4_DEADLINE_APPROACHING/UKR/2010-06-01/30",
                "ARTICLE_4_DEADLINE_PASSED/UKR/2010-06-01");
        assertThat(article4.get(2).firesOn()).isEqualTo(d("2010-06-02"));
        assertThat(article4.get(2).rule()).contains("no completion on record").doesNotContain("non-compliance");
    }

    @Test
    void lithuaniasWithdrawalFiresWhenItTakesEffectAndARevokedOneNever() {
        StateHistory lithuania = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history();
        assertThat(firing(lithuania, "2025-01-01", "2026-12-06")).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(Kind.WITHDRAWAL_TAKES_EFFECT);
            assertThat(alert.firesOn()).isEqualTo(d("2025-12-27"));
            assertThat(alert.restsOn()).containsExactly("e2");
        });
        StateHistory revoked = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null))
                .add(new WithdrawalRevoked("LTU", d("2025-10-01"), null)).history();
        assertThat(firing(revoked, "2025-01-01", "2026-12-06")).isEmpty();
    }

    @Test
    void aCorrectedDepositDateMovesItsAlertUnderAnotherId() {
        StateHistory recorded = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12").history();
        StateHistory corrected = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-06-12").history();
        assertThat(firing(recorded, "2003-01-01", "2003-12-31")).extracting(Alert::id)
                .containsExactly("ENTRY_INTO_FORCE_REACHED/LTU/2003-11-01");
        // The earlier id no longer fires: a subscriber told of it is told it was retracted.
        assertThat(firing(corrected, "2003-01-01", "2003-12-31")).extracting(Alert::id)
                .containsExactly("ENTRY_INTO_FORCE_REACHED/LTU/2003-12-01");
    }

    @Test
    void bosniasArticle5AlertsFollowTheDeadlineInForceOnTheDayTheyFire() {
        // In force 1 March 1999, original deadline 1 March 2009; extended at 9MSP (decided 28 November 2008) to
        // 1 March 2019: the warnings of the original deadline were due after the extension and never fire.
        StateHistory bosnia = Facts.of("BIH").signed("1997-12-03").deposited(RATIFICATION, "1998-09-08")
                .add(new MinedAreasReported("BIH", "1999", null))
                .add(new ExtensionRequested("BIH", "BIH-1", "2008-03", d("2019-03-01"), null, null))
                .add(new ExtensionDecided("BIH", "BIH-1", "9MSP", "2008-11-28", true, d("2019-03-01"),
                        d("2008-11-28"), null, null))
                .history();
        List<Alert> article5 = firing(bosnia, "2004-01-01", "2020-12-31").stream()
                .filter(a -> a.kind().name().startsWith("ARTICLE_5")).toList();
        assertThat(article5).extracting(Alert::id).containsExactly(
                "ARTICLE_5_DEADLINE_APPROACHING/BIH/2019-03-01/90", "ARTICLE_5_DEADLINE_APPROACHING/BIH/2019-03-01/30",
                "ARTICLE_5_DEADLINE_PASSED/BIH/2019-03-01");
        assertThat(article5.get(0).firesOn()).isEqualTo(d("2018-12-01"));
        assertThat(article5.get(0).restsOn()).containsExactly("e1", "e4");

        // Had the extension been decided on 15 December 2008, the 90-day warning of 1 March 2009 (due 1 December
        // 2008) would have fired, and the 30-day one not.
        StateHistory later = Facts.of("BIH").signed("1997-12-03").deposited(RATIFICATION, "1998-09-08")
                .add(new MinedAreasReported("BIH", "1999", null))
                .add(new ExtensionDecided("BIH", "BIH-1", "9MSP", "2008-12-15", true, d("2019-03-01"),
                        d("2008-12-15"), null, null))
                .history();
        assertThat(firing(later, "2008-01-01", "2009-12-31")).extracting(Alert::id)
                .containsExactly("ARTICLE_5_DEADLINE_APPROACHING/BIH/2009-03-01/90");
    }

    @Test
    void aStateNeverBoundHasNoAlerts() {
        assertThat(firing(Facts.of("USA").history(), EVER.toString(), "2026-12-06")).isEmpty();
    }
}
