package org.treatyregistry.registry.ingestion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.participation.WithdrawalRevoked;
import org.treatyregistry.registry.participation.EntryIntoForce;
import org.treatyregistry.registry.participation.RuleViolation;

/**
 * Turns a posted fact into the events to record: the fact itself, preceded by a {@link FactRetracted} when it
 * corrects an earlier one. Checks what can be checked without the record: required fields per type, date
 * forms, dates in the future, dates before the Convention existed. Throws {@link RuleViolation}.
 */
final class FactConversion {

    /** Dates a little ahead of the server's are tolerated (time zones); later ones are mistakes. */
    static final int FUTURE_TOLERANCE_DAYS = 1;
    /** The Convention was opened for signature, and the first instrument deposited, on 3 December 1997. */
    static final LocalDate OPENED_FOR_SIGNATURE = LocalDate.of(1997, 12, 3);

    static final List<String> TYPES = List.of("TreatySigned", "InstrumentDeposited", "WithdrawalNotified",
            "WithdrawalRevoked", "ArmedConflictEngaged", "ArmedConflictEnded", "StockpileDestructionCompleted",
            "MinedAreasReported", "ExtensionRequested", "ExtensionDecided", "ClearanceCompleted",
            "PreviouslyUnknownMinedAreaFound");

    private FactConversion() {
    }

    static List<StateEvent> toEvents(PostedFact f, String stateName, LocalDate today) {
        StateEvent fact = switch (f.type()) {
            case "TreatySigned" -> f.signatureDate() != null
                    ? new TreatySigned(f.iso3(), stateName, f.signatureDate(), f.signatureDate(), f.sourceReference())
                    : new TreatySigned(f.iso3(), stateName, null, required(f.signedBy(), "signatureDate"),
                    f.sourceReference());
            case "InstrumentDeposited" -> deposit(f, stateName);
            case "WithdrawalNotified" -> new WithdrawalNotified(f.iso3(), partial(f.noticeReceived(), "noticeReceived"),
                    required(f.reasons(), "reasons"), f.announcedEffectiveDate(), f.sourceReference());
            case "WithdrawalRevoked" -> new WithdrawalRevoked(f.iso3(), required(f.revokedOn(), "revokedOn"),
                    f.sourceReference());
            case "ArmedConflictEngaged" -> new ArmedConflictEngaged(f.iso3(), partial(f.since(), "since"),
                    f.sourceReference());
            case "ArmedConflictEnded" -> new ArmedConflictEnded(f.iso3(), required(f.endedOn(), "endedOn"),
                    f.sourceReference());
            case "StockpileDestructionCompleted" -> new StockpileDestructionCompleted(f.iso3(),
                    partial(f.completedOn(), "completedOn"), f.sourceReference());
            case "MinedAreasReported" -> new MinedAreasReported(f.iso3(), partial(f.reportedOn(), "reportedOn"),
                    f.sourceReference());
            case "ExtensionRequested" -> new ExtensionRequested(f.iso3(), required(f.requestId(), "requestId"),
                    partial(f.submittedOn(), "submittedOn"), required(f.requestedDeadline(), "requestedDeadline"),
                    f.sourceReference());
            case "ExtensionDecided" -> new ExtensionDecided(f.iso3(), required(f.requestId(), "requestId"),
                    required(f.meeting(), "meeting"), partial(f.decidedOn(), "decidedOn"),
                    required(f.granted(), "granted"), f.newDeadline(), f.sourceReference());
            case "ClearanceCompleted" -> new ClearanceCompleted(f.iso3(), partial(f.completedOn(), "completedOn"),
                    f.sourceReference());
            case "PreviouslyUnknownMinedAreaFound" -> new PreviouslyUnknownMinedAreaFound(f.iso3(),
                    partial(f.foundOn(), "foundOn"), f.sourceReference());
            default -> throw new RuleViolation("unknown-type", "type '" + f.type() + "' is not one of " + TYPES);
        };
        LocalDate latest = today.plusDays(FUTURE_TOLERANCE_DAYS);
        if (earliest(fact).isAfter(latest)) {
            throw new RuleViolation("date-in-future", f.type() + " is dated " + fact.effectiveDate()
                    + ", in the future; facts are recorded once they happen.");
        }
        if (fact.effectiveDate().isBefore(OPENED_FOR_SIGNATURE)) {
            throw new RuleViolation("date-before-convention", f.type() + " is dated " + fact.effectiveDate()
                    + ", before 3 December 1997, when the Convention was opened for signature (Art. 15).");
        }
        List<StateEvent> events = new ArrayList<>();
        if (f.corrects() != null) {
            events.add(new FactRetracted(f.iso3(), f.corrects(), required(f.correctionReason(), "correctionReason"),
                    today));
        }
        events.add(fact);
        return events;
    }

    private static InstrumentDeposited deposit(PostedFact f, String stateName) {
        PartialDate deposit = PartialDate.parse(partial(f.depositDate(), "depositDate"));
        if (deposit.precision() == PartialDate.Precision.YEAR && f.effectiveFrom() == null) {
            throw new RuleViolation("deposit-month-unknown", "depositDate " + deposit + " gives only the year; "
                    + "entry into force (Art. 17) counts from the month of deposit, so at least the month is needed.");
        }
        return new InstrumentDeposited(f.iso3(), stateName, required(f.instrumentType(), "instrumentType"),
                deposit.toString(), f.effectiveFrom(), EntryIntoForce.of(deposit, f.effectiveFrom()),
                Boolean.TRUE.equals(f.provisionalApplication()), f.sourceReference());
    }

    /** The earliest day a fact may have happened, for the future-date check (a partial date's first day). */
    private static LocalDate earliest(StateEvent fact) {
        Function<String, LocalDate> first = text -> PartialDate.parse(text).earliest();
        if (fact instanceof InstrumentDeposited d) {
            return first.apply(d.depositDate());
        }
        if (fact instanceof WithdrawalNotified w) {
            return first.apply(w.noticeReceived());
        }
        return fact.effectiveDate();
    }

    private static <T> T required(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new RuleViolation("missing-field", "'" + field + "' is required for this type of fact.");
        }
        return value;
    }

    private static String partial(String value, String field) {
        try {
            return PartialDate.parse(required(value, field)).toString();
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("bad-date", "'" + field + "': " + e.getMessage() + ".");
        }
    }
}
