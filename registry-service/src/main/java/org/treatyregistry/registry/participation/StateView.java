package org.treatyregistry.registry.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.ParticipationStatus;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.participation.WithdrawalEffect;
import org.treatyregistry.platform.web.Reading;

/** A State as the registry answers for it on {@code asOf}, by what was recorded at {@code knownAt}. */
public record StateView(
        String iso3,
        String name,
        LocalDate asOf,
        Instant knownAt,
        ParticipationStatus status,
        LocalDate signatureDate,
        String instrumentType,
        String instrumentDate,
        PartialDate.Precision instrumentDatePrecision,
        LocalDate entryIntoForce,
        boolean provisionalApplication,
        LocalDate article4Deadline,
        Article4.Status article4,
        LocalDate article5Deadline,
        Article5.Status article5,
        Withdrawal withdrawal) {

    /**
     * @param effectiveDate null while it cannot be dated; {@code explanation} says why (Art. 20.3, unknown receipt)
     */
    public record Withdrawal(String noticeReceived, PartialDate.Precision noticePrecision, String reasons,
                             LocalDate effectiveDate, String explanation, LocalDate revokedOn) {
    }

    public static StateView of(StateHistory history, String name, Reading reading) {
        LocalDate asOf = reading.asOf();
        Optional<InstrumentDeposited> deposit = history.depositOn(asOf);
        Optional<Article4.Status> article4 = Article4.on(history, asOf);
        Optional<Article5.Status> article5 = Article5.on(history, asOf);
        return new StateView(history.iso3(), name, asOf, reading.knownAt(), history.statusOn(asOf),
                history.signature().filter(s -> !s.signedBy().isAfter(asOf)).map(TreatySigned::signatureDate)
                        .orElse(null),
                deposit.map(d -> d.instrumentType().name()).orElse(null),
                deposit.map(InstrumentDeposited::depositDate).orElse(null),
                deposit.map(d -> d.deposit().precision()).orElse(null),
                deposit.map(InstrumentDeposited::entryIntoForce).orElse(null),
                deposit.map(InstrumentDeposited::provisionalApplication).orElse(false),
                article4.map(Article4.Status::deadline).orElse(null), article4.orElse(null),
                article5.map(Article5.Status::deadline).orElse(null), article5.orElse(null),
                deposit.flatMap(history::withdrawalAfter)
                        .filter(w -> !w.received().certainBy().isAfter(asOf))
                        .map(w -> withdrawal(history, w, asOf)).orElse(null));
    }

    private static Withdrawal withdrawal(StateHistory history, WithdrawalNotified notice, LocalDate asOf) {
        WithdrawalEffect effect = history.effectOf(notice);
        LocalDate revoked = history.revocationOf(notice).map(r -> r.revokedOn()).filter(r -> !r.isAfter(asOf))
                .orElse(null);
        return new Withdrawal(notice.noticeReceived(), notice.received().precision(), notice.reasons(),
                effect.date(), effect.reason(), revoked);
    }

    /** The flat form of the CSV lists. */
    public record Row(String iso3, String name, LocalDate asOf, ParticipationStatus status, LocalDate signatureDate,
                      String instrumentType, String instrumentDate, LocalDate entryIntoForce,
                      boolean provisionalApplication, LocalDate article4Deadline, LocalDate article5Deadline,
                      String withdrawalNoticeReceived, LocalDate withdrawalEffectiveDate) {
    }

    public Row row() {
        return new Row(iso3, name, asOf, status, signatureDate, instrumentType, instrumentDate, entryIntoForce,
                provisionalApplication, article4Deadline, article5Deadline,
                withdrawal == null ? null : withdrawal.noticeReceived(),
                withdrawal == null ? null : withdrawal.effectiveDate());
    }
}
