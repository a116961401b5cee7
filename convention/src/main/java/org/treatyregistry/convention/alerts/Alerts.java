package org.treatyregistry.convention.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.participation.WithdrawalEffect;

/**
 * The alerts a State's record gives in legal time: each fires once, on the day its date is reached, and is
 * judged by the record as it stood on that day (a deadline warned of while clearance was still owed stays warned of
 * once clearance is completed). Its id names what it is about, so computing the alerts again gives the same ids,
 * and a correction that moves a date gives another id: the earlier alert no longer fires, which is its retraction.
 */
public final class Alerts {

    /** Days ahead an approaching deadline is announced, unless a subscriber asks otherwise. */
    public static final List<Integer> DEFAULT_DAYS_AHEAD = List.of(90, 30);

    private Alerts() {
    }

    public enum Kind {
        /** Art. 17: the Convention enters into force for the State. */
        ENTRY_INTO_FORCE_REACHED,
        /** Art. 20.2-20.3: the State's withdrawal takes effect. */
        WITHDRAWAL_TAKES_EFFECT,
        /** Art. 4: the stockpile destruction deadline is near, with no completion on record. */
        ARTICLE_4_DEADLINE_APPROACHING,
        /** Art. 4: the deadline has passed with no completion on record. */
        ARTICLE_4_DEADLINE_PASSED,
        /** Art. 5: the clearance deadline in force is near, clearance not completed. */
        ARTICLE_5_DEADLINE_APPROACHING,
        /** Art. 5: the clearance deadline in force has passed, clearance not completed. */
        ARTICLE_5_DEADLINE_PASSED,
        /** Art. 7: a report is due soon, none received. */
        ARTICLE_7_REPORT_DUE,
        /** Art. 7: a report is overdue, where the record is declared complete for the State and period. */
        ARTICLE_7_REPORT_OVERDUE
    }

    /**
     * @param id        the same for the same alert however often computed: kind, State, date and days ahead
     * @param firesOn   the day it fires
     * @param date      the date it is about: the entry into force, the withdrawal's effect, the deadline
     * @param daysAhead for an approaching deadline, how far ahead it warns; null otherwise
     * @param rule      the rule it follows, cited, and what the record says
     * @param restsOn   the ids of the events it rests on
     */
    public record Alert(String id, Kind kind, String iso3, LocalDate firesOn, LocalDate date, Integer daysAhead,
                        String rule, List<String> restsOn) {
    }

    /**
     * The alerts of the State's record that fire from {@code from} to {@code to}, both included, in the order they
     * fire; approaching deadlines announced {@code daysAhead} days before (each a separate alert).
     */
    public static List<Alert> firing(StateHistory history, LocalDate from, LocalDate to, List<Integer> daysAhead) {
        Map<StateEvent, String> ids = new HashMap<>();
        history.facts().forEach(fact -> ids.put(fact.event(), fact.eventId()));
        List<Alert> alerts = new ArrayList<>();
        for (InstrumentDeposited deposit : history.deposits()) {
            String deposited = ids.get(deposit);
            entryIntoForce(history, deposit, deposited).ifPresent(alerts::add);
            history.withdrawalAfter(deposit).flatMap(notice -> withdrawal(history, notice, ids.get(notice)))
                    .ifPresent(alerts::add);
            article4(history, deposit, deposited, daysAhead, alerts);
            article5(history, deposit, deposited, daysAhead, alerts);
        }
        return within(alerts, from, to);
    }

    /** The alerts firing from {@code from} to {@code to}, both included, in the order they fire. */
    public static List<Alert> within(List<Alert> alerts, LocalDate from, LocalDate to) {
        return alerts.stream().filter(a -> !a.firesOn().isBefore(from) && !a.firesOn().isAfter(to))
                .sorted(Comparator.comparing(Alert::firesOn).thenComparing(Alert::kind)
                        .thenComparing(a -> a.daysAhead() == null ? 0 : -a.daysAhead()))
                .toList();
    }

    /** Art. 17: only if the deposit still governs the State's participation on that day. */
    private static Optional<Alert> entryIntoForce(StateHistory history, InstrumentDeposited deposit,
                                                  String deposited) {
        LocalDate date = deposit.entryIntoForce();
        if (!history.depositOn(date).map(deposit::equals).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(alert(Kind.ENTRY_INTO_FORCE_REACHED, history.iso3(), date, date, null,
                "Art. 17: the Convention enters into force for " + history.iso3() + " on " + date
                        + " (deposit of " + deposit.depositDate() + ")", List.of(deposited)));
    }

    /** Art. 20.2-20.3: a withdrawal revoked before its effect, or whose effect cannot be dated yet, gives none. */
    private static Optional<Alert> withdrawal(StateHistory history, WithdrawalNotified notice, String notified) {
        WithdrawalEffect effect = history.effectOf(notice);
        if (effect.date() == null || history.revocationOf(notice).map(r -> r.revokedOn().isBefore(effect.date()))
                .orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(alert(Kind.WITHDRAWAL_TAKES_EFFECT, history.iso3(), effect.date(), effect.date(), null,
                "Art. 20: the withdrawal of " + history.iso3() + " takes effect on " + effect.date() + ", "
                        + effect.reason(), List.of(notified)));
    }

    /**
     * Art. 4 has no extension: its deadline is four years after entry into force. It binds States that own or
     * possess stockpiles, which the record does not say, so a deadline passed with no completion on record is said
     * as that, not as non-compliance.
     */
    private static void article4(StateHistory history, InstrumentDeposited deposit, String deposited,
                                 List<Integer> daysAhead, List<Alert> alerts) {
        LocalDate deadline = Article4.deadline(deposit.entryIntoForce());
        for (int days : daysAhead) {
            LocalDate warn = deadline.minusDays(days);
            if (article4On(history, warn, deadline).filter(s -> s.state() == Article4.State.PENDING).isPresent()) {
                alerts.add(alert(Kind.ARTICLE_4_DEADLINE_APPROACHING, history.iso3(), warn, deadline, days,
                        "Art. 4: stockpiled anti-personnel mines to be destroyed by " + deadline + ", four years "
                                + "after entry into force; no completion on record " + days + " days before",
                        List.of(deposited)));
            }
        }
        LocalDate after = deadline.plusDays(1);
        article4On(history, after, deadline).filter(s -> s.state() == Article4.State.NO_COMPLETION_RECORDED
                || s.state() == Article4.State.NOT_COMPLETED).ifPresent(s -> alerts.add(alert(
                Kind.ARTICLE_4_DEADLINE_PASSED, history.iso3(), after, deadline, null,
                "Art. 4: the deadline of " + deadline + " passed " + (s.state() == Article4.State.NOT_COMPLETED
                        ? "with stockpiled mines still held by a statement on record (non-compliance, SRAAP "
                        + "Action 14)" : "with no completion on record (Art. 4 binds States that own or possess "
                        + "stockpiles, which the record does not say)"), List.of(deposited))));
    }

    private static Optional<Article4.Status> article4On(StateHistory history, LocalDate on, LocalDate deadline) {
        return Article4.on(history, on).filter(s -> s.deadline().equals(deadline));
    }

    /**
     * Art. 5: the deadline in force on the day, the original ten years after entry into force or the last one
     * granted (Art. 5.3-5.6); each such deadline warned of while clearance is owed, and its passing announced.
     */
    private static void article5(StateHistory history, InstrumentDeposited deposit, String deposited,
                                 List<Integer> daysAhead, List<Alert> alerts) {
        Set<LocalDate> deadlines = new LinkedHashSet<>();
        deadlines.add(Article5.originalDeadline(deposit.entryIntoForce()));
        List<Fact> decisions = history.facts().stream().filter(f -> f.event() instanceof ExtensionDecided d
                && d.granted() && d.newDeadline() != null).toList();
        decisions.forEach(f -> deadlines.add(((ExtensionDecided) f.event()).newDeadline()));
        for (LocalDate deadline : deadlines) {
            List<String> restsOn = new ArrayList<>(List.of(deposited));
            decisions.stream().filter(f -> ((ExtensionDecided) f.event()).newDeadline().equals(deadline))
                    .map(Fact::eventId).forEach(restsOn::add);
            for (int days : daysAhead) {
                LocalDate warn = deadline.minusDays(days);
                if (article5On(history, warn, deadline).filter(s -> s.state() != Article5.State.COMPLETED)
                        .isPresent()) {
                    alerts.add(alert(Kind.ARTICLE_5_DEADLINE_APPROACHING, history.iso3(), warn, deadline, days,
                            "Art. 5: mined areas to be cleared by " + deadline + ", the deadline in force; clearance "
                                    + "not completed " + days + " days before", restsOn));
                }
            }
            LocalDate after = deadline.plusDays(1);
            if (article5On(history, after, deadline).filter(Article5.Status::overdue).isPresent()) {
                alerts.add(alert(Kind.ARTICLE_5_DEADLINE_PASSED, history.iso3(), after, deadline, null,
                        "Art. 5: the deadline of " + deadline + " passed with clearance not completed and no "
                                + "extension granted (Art. 5.3-5.6)", restsOn));
            }
        }
    }

    private static Optional<Article5.Status> article5On(StateHistory history, LocalDate on, LocalDate deadline) {
        return Article5.on(history, on).filter(s -> deadline.equals(s.deadline()));
    }

    /** An alert under its id: kind, State, the date it is about and, for a warning, how many days ahead. */
    public static Alert alert(Kind kind, String iso3, LocalDate firesOn, LocalDate date, Integer daysAhead,
                              String rule, List<String> restsOn) {
        String id = kind + "/" + iso3 + "/" + date + (daysAhead == null ? "" : "/" + daysAhead);
        return new Alert(id, kind, iso3, firesOn, date, daysAhead, rule, List.copyOf(restsOn));
    }
}
