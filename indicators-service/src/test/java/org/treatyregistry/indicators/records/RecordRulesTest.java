package org.treatyregistry.indicators.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;
import org.treatyregistry.convention.RuleViolation;

class RecordRulesTest {

    private static final LocalDate MSP = LocalDate.of(2025, 12, 1);

    private static String rule(List<StateEvent> stream, StateEvent next) {
        return RecordRules.check(stream, next).map(RuleViolation::rule).orElse("accepted");
    }

    @Test
    void delegationsHaveDelegatesAndNoMoreWomenThanDelegatesOncePerMeeting() {
        DelegationAttended canada = new DelegationAttended("CAN", "22MSP", MSP, 10, 6, null);
        assertThat(rule(List.of(), canada)).isEqualTo("accepted");
        assertThat(rule(List.of(canada), canada)).isEqualTo("already-recorded");
        assertThat(rule(List.of(), new DelegationAttended("CAN", "22MSP", MSP, 3, 4, null))).isEqualTo("delegation");
        assertThat(rule(List.of(), new DelegationAttended("CAN", "22MSP", MSP, 0, 0, null))).isEqualTo("delegation");
        SurvivorOrganisationAttended network = new SurvivorOrganisationAttended("KHM", "Network", "22MSP", MSP, null);
        assertThat(rule(List.of(network), network)).isEqualTo("already-recorded");
        assertThat(rule(List.of(), new SurvivorOrganisationAttended("KHM", " ", "22MSP", MSP, null)))
                .isEqualTo("organisation");
    }

    @Test
    void votesContributionsMoratoriaAndAssessments() {
        UnResolutionVoted yes = new UnResolutionVoted("CAN", "A/RES/80/x", MSP, UnResolutionVoted.Vote.YES, null);
        assertThat(rule(List.of(yes), yes)).isEqualTo("already-recorded");
        assertThat(rule(List.of(), new UnResolutionVoted("CAN", "A/RES/80/x", MSP, null, null))).isEqualTo("vote");
        AssessedContributionPaid paid = new AssessedContributionPaid("CAN", "22MSP", MSP, MSP.minusMonths(5), null);
        assertThat(rule(List.of(paid), paid)).isEqualTo("already-recorded");
        assertThat(rule(List.of(), new AssessedContributionPaid("CAN", "22MSP", null, MSP, null))).isEqualTo("meeting");
        assertThat(rule(List.of(), new VoluntaryContributionMade("CAN", MSP, 0, "CHF", null)))
                .isEqualTo("negative-quantity");
        assertThat(rule(List.of(), new MoratoriumDeclared("USA", MSP, "", null))).isEqualTo("scope");
        assertThat(rule(List.of(), new ExtensionRequestAssessed("KHM", "KHM-2025", MSP, Map.of("23.1", "perhaps"),
                null))).isEqualTo("answer");
        assertThat(rule(List.of(), new ExtensionRequestAssessed("KHM", "KHM-2025", MSP, Map.of("17.1", "yes"),
                null))).isEqualTo("answer");
        assertThat(rule(List.of(), new ExtensionRequestAssessed("KHM", "KHM-2025", MSP, Map.of("23.1", "yes"),
                null))).isEqualTo("accepted");
    }
}
