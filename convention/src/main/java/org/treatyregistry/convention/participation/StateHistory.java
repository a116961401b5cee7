package org.treatyregistry.convention.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.participation.WithdrawalRevoked;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;

/**
 * Everything the record holds on one State's participation, and the Convention's rules over it: pure, no
 * framework. Built from the State's facts in the order they were recorded; a {@link FactRetracted} removes the
 * fact it names. The aggregate checks new facts with it; the reads compute every date's status with it.
 */
public final class StateHistory {

    /** Art. 15: open for signature until the Convention's entry into force. */
    public static final LocalDate SIGNATURE_CLOSED_AFTER = EntryIntoForce.OF_THE_CONVENTION;

    private final String iso3;
    private final List<Fact> facts;

    private StateHistory(String iso3, List<Fact> facts) {
        this.iso3 = iso3;
        this.facts = facts;
    }

    public static StateHistory of(String iso3, List<Fact> recorded) {
        Set<String> retracted = recorded.stream().map(Fact::event).filter(FactRetracted.class::isInstance)
                .map(e -> ((FactRetracted) e).retractedEventId()).collect(Collectors.toSet());
        return new StateHistory(iso3, recorded.stream()
                .filter(f -> !retracted.contains(f.eventId()) && !(f.event() instanceof FactRetracted)).toList());
    }

    /** The history as the record stood at {@code knownAt}: only facts recorded by then, corrections included. */
    public static StateHistory knownAt(String iso3, List<Fact> recorded, Instant knownAt) {
        return of(iso3, recorded.stream().filter(f -> !f.recordedAt().isAfter(knownAt)).toList());
    }

    public String iso3() {
        return iso3;
    }

    public List<Fact> facts() {
        return facts;
    }

    public boolean contains(String eventId) {
        return facts.stream().anyMatch(f -> f.eventId().equals(eventId));
    }

    public StateHistory with(Fact fact) {
        List<Fact> next = new ArrayList<>(facts);
        next.add(fact);
        return StateHistory.of(iso3, next);
    }

    <T> List<T> all(Class<T> type) {
        return facts.stream().map(Fact::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** The facts dated on or after the deposit governing {@code date}: an earlier participation's are spent. */
    public List<StateEvent> factsOfParticipationOn(LocalDate date) {
        LocalDate from = depositOn(date).map(StateHistory::participationFrom).orElse(LocalDate.MIN);
        return facts.stream().map(Fact::event).filter(e -> !e.effectiveDate().isBefore(from)).toList();
    }

    public Optional<TreatySigned> signature() {
        List<TreatySigned> signatures = all(TreatySigned.class);
        return signatures.isEmpty() ? Optional.empty() : Optional.of(signatures.get(signatures.size() - 1));
    }

    /** Deposits in legal order. */
    public List<InstrumentDeposited> deposits() {
        return all(InstrumentDeposited.class).stream()
                .sorted(Comparator.comparing(StateHistory::participationFrom)).toList();
    }

    /**
     * The first day of the participation a deposit opens: the deposit's, or, for a notification of succession that
     * takes effect from an earlier date (independence), that date. South Sudan deposited on 11 November 2011 with
     * effect from 9 July 2011, so in legal time it is bound from 9 July 2011, though the record learnt of it only
     * once the deposit was recorded ({@code knownAt}).
     */
    public static LocalDate participationFrom(InstrumentDeposited deposit) {
        LocalDate deposited = deposit.deposit().earliest();
        return deposit.effectiveFrom() != null && deposit.effectiveFrom().isBefore(deposited)
                ? deposit.effectiveFrom() : deposited;
    }

    /** The day from which a deposit certainly governs: as {@link #participationFrom}, a partial date by its end. */
    static LocalDate governsBy(InstrumentDeposited deposit) {
        LocalDate deposited = deposit.deposit().certainBy();
        return deposit.effectiveFrom() != null && deposit.effectiveFrom().isBefore(deposited)
                ? deposit.effectiveFrom() : deposited;
    }

    /**
     * The deposit that governs the State's participation on {@code date}: the latest one in effect by then (a
     * succession from its date of effect, every other deposit from its date).
     */
    public Optional<InstrumentDeposited> depositOn(LocalDate date) {
        InstrumentDeposited current = null;
        for (InstrumentDeposited deposit : deposits()) {
            if (!governsBy(deposit).isAfter(date)) {
                current = deposit;
            }
        }
        return Optional.ofNullable(current);
    }

    /** The first withdrawal notice received after {@code deposit} (later deposits start a new participation). */
    public Optional<WithdrawalNotified> withdrawalAfter(InstrumentDeposited deposit) {
        LocalDate from = participationFrom(deposit);
        LocalDate until = deposits().stream().map(StateHistory::participationFrom).filter(d -> d.isAfter(from))
                .findFirst().orElse(LocalDate.MAX);
        return all(WithdrawalNotified.class).stream()
                .filter(w -> !w.received().earliest().isBefore(from) && w.received().earliest().isBefore(until))
                .min(Comparator.comparing(w -> w.received().earliest()));
    }

    public Optional<WithdrawalRevoked> revocationOf(WithdrawalNotified notice) {
        return all(WithdrawalRevoked.class).stream()
                .filter(r -> !r.revokedOn().isBefore(notice.received().earliest()))
                .findFirst();
    }

    public WithdrawalEffect effectOf(WithdrawalNotified notice) {
        return WithdrawalEffect.of(notice, facts.stream().map(Fact::event)
                .filter(e -> e instanceof ArmedConflictEngaged || e instanceof ArmedConflictEnded)
                .sorted(Comparator.comparing(StateEvent::effectiveDate))
                .map(Object.class::cast).toList());
    }

    /** A withdrawal in force or pending on {@code date}, unless revoked by then. */
    public Optional<WithdrawalNotified> withdrawalOn(LocalDate date) {
        return depositOn(date).flatMap(this::withdrawalAfter)
                .filter(w -> !w.received().certainBy().isAfter(date))
                .filter(w -> revocationOf(w).map(r -> r.revokedOn().isAfter(date)).orElse(true));
    }

    public ParticipationStatus statusOn(LocalDate date) {
        Optional<InstrumentDeposited> deposit = depositOn(date);
        if (deposit.isEmpty()) {
            // a signature whose day is unknown counts from the date by which it had certainly happened
            boolean signed = signature().map(s -> !s.signedBy().isAfter(date)).orElse(false);
            return signed ? ParticipationStatus.SIGNATORY : ParticipationStatus.NOT_SIGNED;
        }
        Optional<WithdrawalNotified> withdrawal = withdrawalOn(date);
        if (withdrawal.isPresent()) {
            LocalDate effect = effectOf(withdrawal.get()).date();
            return effect != null && !effect.isAfter(date)
                    ? ParticipationStatus.WITHDRAWN : ParticipationStatus.WITHDRAWAL_PENDING;
        }
        return date.isBefore(deposit.get().entryIntoForce())
                ? ParticipationStatus.AWAITING_ENTRY_INTO_FORCE : ParticipationStatus.STATE_PARTY;
    }

    /** Bound by the Convention's obligations on {@code date}: a party, or a party whose withdrawal is pending. */
    public boolean isBoundOn(LocalDate date) {
        ParticipationStatus status = statusOn(date);
        return status == ParticipationStatus.STATE_PARTY || status == ParticipationStatus.WITHDRAWAL_PENDING;
    }

    /** Checks a participation fact against the Convention (Art. 15-20); empty when it may be recorded. */
    public Optional<RuleViolation> checkParticipation(StateEvent next, String name) {
        return ParticipationRules.ALL.check(this, next, name);
    }
}
