package org.treatyregistry.convention.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
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

    /** Checks a participation fact against the Convention; empty when it may be recorded. */
    public Optional<RuleViolation> checkParticipation(StateEvent next, String name) {
        if (next instanceof TreatySigned signed) {
            if (signed.signatureDate() != null && signed.signatureDate().isAfter(SIGNATURE_CLOSED_AFTER)) {
                return violation("signature-closed", name + " cannot sign on " + signed.signatureDate()
                        + ": the Convention was open for signature only until its entry into force on "
                        + "1 March 1999 (Art. 15); a State joins later by accession (Art. 16.2).");
            }
            if (signature().isPresent()) {
                return violation("already-signed", name + " has already signed the Convention.");
            }
            if (!deposits().isEmpty() && signed.signedBy().isAfter(deposits().get(0).deposit().certainBy())) {
                return violation("already-bound", name + " deposited an instrument on " + deposits().get(0)
                        .depositDate() + "; a signature cannot follow it.");
            }
        } else if (next instanceof InstrumentDeposited deposit) {
            return checkDeposit(deposit, name);
        } else if (next instanceof WithdrawalNotified notice) {
            LocalDate received = notice.received().earliest();
            ParticipationStatus status = statusOn(received);
            if (status == ParticipationStatus.WITHDRAWAL_PENDING) {
                return violation("withdrawal-pending", name + " already has a notice of withdrawal pending.");
            }
            if (status != ParticipationStatus.STATE_PARTY && status != ParticipationStatus.AWAITING_ENTRY_INTO_FORCE) {
                return violation("not-bound", name + " is not bound by the Convention on " + notice.noticeReceived()
                        + " (" + status + "), so it has nothing to withdraw from (Art. 20).");
            }
        } else if (next instanceof WithdrawalRevoked revoked) {
            Optional<WithdrawalNotified> pending = withdrawalOn(revoked.revokedOn());
            if (pending.isEmpty() || statusOn(revoked.revokedOn()) != ParticipationStatus.WITHDRAWAL_PENDING) {
                return violation("no-pending-withdrawal", name + " has no withdrawal pending on "
                        + revoked.revokedOn() + " that could be revoked.");
            }
        } else if (next instanceof ArmedConflictEnded ended) {
            boolean engaged = false;
            for (StateEvent e : facts.stream().map(Fact::event).toList()) {
                engaged = e instanceof ArmedConflictEngaged || (engaged && !(e instanceof ArmedConflictEnded));
            }
            if (!engaged) {
                return violation("no-armed-conflict", name + " has no armed conflict on record that could end on "
                        + ended.endedOn() + ".");
            }
        } else if (next instanceof FactRetracted retraction && !contains(retraction.retractedEventId())) {
            return violation("unknown-fact", "No fact of " + name + " with event id " + retraction.retractedEventId()
                    + " is on record (or it was already corrected).");
        }
        return Optional.empty();
    }

    private Optional<RuleViolation> checkDeposit(InstrumentDeposited deposit, String name) {
        LocalDate on = deposit.deposit().earliest();
        List<InstrumentDeposited> earlier = deposits();
        if (!earlier.isEmpty() && !on.isAfter(earlier.get(earlier.size() - 1).deposit().certainBy())) {
            return violation("already-bound", name + " has an instrument on record deposited on "
                    + earlier.get(earlier.size() - 1).depositDate() + "; an instrument dated " + deposit.depositDate()
                    + " would overlap it. To change the recorded deposit, post a correction of it.");
        }
        ParticipationStatus status = statusOn(deposit.deposit().certainBy());
        if (status == ParticipationStatus.AWAITING_ENTRY_INTO_FORCE || status == ParticipationStatus.STATE_PARTY
                || status == ParticipationStatus.WITHDRAWAL_PENDING) {
            return violation("already-bound", name + " is already bound by the Convention (" + status + " on "
                    + deposit.depositDate() + "); a second instrument cannot be recorded while it is bound.");
        }
        boolean firstParticipation = deposits().isEmpty();
        Predicate<TreatySigned> signedBy = s -> s.signedBy() != null && !s.signedBy().isAfter(deposit.deposit().certainBy());
        if (deposit.instrumentType().requiresSignature()) {
            if (signature().filter(signedBy).isEmpty()) {
                return violation("signature-required", name + " has no signature on record before " + on
                        + "; ratification, acceptance or approval presupposes one (Art. 16.1). A State that did "
                        + "not sign joins by accession.");
            }
            if (!firstParticipation) {
                return violation("signature-spent", name + " withdrew after its earlier instrument; it can "
                        + "join again only by accession (Art. 16.2).");
            }
        }
        if (deposit.instrumentType() == InstrumentType.ACCESSION && firstParticipation && signature().isPresent()) {
            return violation("accession-by-signatory", name + " signed the Convention, so it is bound by "
                    + "ratification, acceptance or approval, not by accession (Art. 16).");
        }
        if (deposit.effectiveFrom() != null && deposit.instrumentType() != InstrumentType.SUCCESSION) {
            return violation("effective-from-succession-only", "Only a notification of succession can take "
                    + "effect from a date of its own (effectiveFrom); other instruments follow Art. 17.");
        }
        return Optional.empty();
    }

    private static Optional<RuleViolation> violation(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }
}
