package org.treatyregistry.convention.participation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
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
import org.treatyregistry.convention.FactRule;
import org.treatyregistry.convention.FactRules;
import org.treatyregistry.convention.RuleViolation;

/** The Convention's rules for participation facts (Art. 15-20), one per event type. */
final class ParticipationRules {

    /** Art. 15: open for signature until entry into force; one signature, and none after an instrument. */
    static final FactRule<TreatySigned> SIGNATURE = (history, signed, name) -> {
        if (signed.signatureDate() != null && signed.signatureDate().isAfter(StateHistory.SIGNATURE_CLOSED_AFTER)) {
            return RuleViolation.refused("signature-closed", name + " cannot sign on " + signed.signatureDate()
                    + ": the Convention was open for signature only until its entry into force on "
                    + "1 March 1999 (Art. 15); a State joins later by accession (Art. 16.2).");
        }
        if (history.signature().isPresent()) {
            return RuleViolation.refused("already-signed", name + " has already signed the Convention.");
        }
        List<InstrumentDeposited> deposits = history.deposits();
        if (!deposits.isEmpty() && signed.signedBy().isAfter(deposits.get(0).deposit().certainBy())) {
            return RuleViolation.refused("already-bound", name + " deposited an instrument on "
                    + deposits.get(0).depositDate() + "; a signature cannot follow it.");
        }
        return Optional.empty();
    };

    /**
     * Art. 16: ratification, acceptance or approval by a signatory, accession by any other State, one instrument
     * at a time; Art. 17: only a succession takes effect from a date of its own.
     */
    static final FactRule<InstrumentDeposited> DEPOSIT = ParticipationRules::checkDeposit;

    /** Art. 20: only a State bound by the Convention withdraws, one notice at a time. */
    static final FactRule<WithdrawalNotified> WITHDRAWAL = (history, notice, name) -> {
        ParticipationStatus status = history.statusOn(notice.received().earliest());
        if (status == ParticipationStatus.WITHDRAWAL_PENDING) {
            return RuleViolation.refused("withdrawal-pending", name + " already has a notice of withdrawal pending.");
        }
        if (status != ParticipationStatus.STATE_PARTY && status != ParticipationStatus.AWAITING_ENTRY_INTO_FORCE) {
            return RuleViolation.refused("not-bound", name + " is not bound by the Convention on "
                    + notice.noticeReceived() + " (" + status + "), so it has nothing to withdraw from (Art. 20).");
        }
        return Optional.empty();
    };

    /** Art. 20: a withdrawal is revoked while it is pending. */
    static final FactRule<WithdrawalRevoked> REVOCATION = (history, revoked, name) -> {
        Optional<WithdrawalNotified> pending = history.withdrawalOn(revoked.revokedOn());
        if (pending.isEmpty() || history.statusOn(revoked.revokedOn()) != ParticipationStatus.WITHDRAWAL_PENDING) {
            return RuleViolation.refused("no-pending-withdrawal", name + " has no withdrawal pending on "
                    + revoked.revokedOn() + " that could be revoked.");
        }
        return Optional.empty();
    };

    /** Art. 20.3: an armed conflict ends only if one is on record. */
    static final FactRule<ArmedConflictEnded> CONFLICT_ENDED = (history, ended, name) -> {
        boolean engaged = false;
        for (StateEvent e : history.facts().stream().map(Fact::event).toList()) {
            engaged = e instanceof ArmedConflictEngaged || (engaged && !(e instanceof ArmedConflictEnded));
        }
        return engaged ? Optional.empty() : RuleViolation.refused("no-armed-conflict", name + " has no armed "
                + "conflict on record that could end on " + ended.endedOn() + ".");
    };

    /** A correction retracts a fact on record. */
    static final FactRule<FactRetracted> RETRACTION = (history, retraction, name) ->
            history.contains(retraction.retractedEventId()) ? Optional.empty()
                    : RuleViolation.refused("unknown-fact", "No fact of " + name + " with event id "
                    + retraction.retractedEventId() + " is on record (or it was already corrected).");

    static final FactRules ALL = FactRules.none()
            .with(TreatySigned.class, SIGNATURE)
            .with(InstrumentDeposited.class, DEPOSIT)
            .with(WithdrawalNotified.class, WITHDRAWAL)
            .with(WithdrawalRevoked.class, REVOCATION)
            .with(ArmedConflictEnded.class, CONFLICT_ENDED)
            .with(FactRetracted.class, RETRACTION);

    private ParticipationRules() {
    }

    private static Optional<RuleViolation> checkDeposit(StateHistory history, InstrumentDeposited deposit,
                                                        String name) {
        LocalDate on = deposit.deposit().earliest();
        List<InstrumentDeposited> earlier = history.deposits();
        if (!earlier.isEmpty() && !on.isAfter(earlier.get(earlier.size() - 1).deposit().certainBy())) {
            return RuleViolation.refused("already-bound", name + " has an instrument on record deposited on "
                    + earlier.get(earlier.size() - 1).depositDate() + "; an instrument dated " + deposit.depositDate()
                    + " would overlap it. To change the recorded deposit, post a correction of it.");
        }
        ParticipationStatus status = history.statusOn(deposit.deposit().certainBy());
        if (status == ParticipationStatus.AWAITING_ENTRY_INTO_FORCE || status == ParticipationStatus.STATE_PARTY
                || status == ParticipationStatus.WITHDRAWAL_PENDING) {
            return RuleViolation.refused("already-bound", name + " is already bound by the Convention (" + status
                    + " on " + deposit.depositDate() + "); a second instrument cannot be recorded while it is bound.");
        }
        boolean firstParticipation = earlier.isEmpty();
        Predicate<TreatySigned> signedBy = s -> s.signedBy() != null
                && !s.signedBy().isAfter(deposit.deposit().certainBy());
        if (deposit.instrumentType().requiresSignature()) {
            if (history.signature().filter(signedBy).isEmpty()) {
                return RuleViolation.refused("signature-required", name + " has no signature on record before " + on
                        + "; ratification, acceptance or approval presupposes one (Art. 16.1). A State that did "
                        + "not sign joins by accession.");
            }
            if (!firstParticipation) {
                return RuleViolation.refused("signature-spent", name + " withdrew after its earlier instrument; it "
                        + "can join again only by accession (Art. 16.2).");
            }
        }
        if (deposit.instrumentType() == InstrumentType.ACCESSION && firstParticipation
                && history.signature().isPresent()) {
            return RuleViolation.refused("accession-by-signatory", name + " signed the Convention, so it is bound "
                    + "by ratification, acceptance or approval, not by accession (Art. 16).");
        }
        if (deposit.effectiveFrom() != null && deposit.instrumentType() != InstrumentType.SUCCESSION) {
            return RuleViolation.refused("effective-from-succession-only", "Only a notification of succession can "
                    + "take effect from a date of its own (effectiveFrom); other instruments follow Art. 17.");
        }
        return Optional.empty();
    }
}
