package org.treatyregistry.registry.ingestion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.obligations.StockpileStillHeldReported;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.participation.WithdrawalRevoked;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.EntryIntoForce;
import org.treatyregistry.registry.obligations.Meetings;

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

    /** Fields every posted fact may carry, besides clientId and type; with corrects, correctionReason is required. */
    private static final List<String> EVERY_FACT = List.of("iso3", "sourceReference", "corrects", "correctionReason");

    /**
     * The fields of each type as posted ({@link PostedFact} holds them all): a field another type has is unknown for
     * this one, and refused like a misspelt one.
     */
    static final Map<String, List<String>> FIELDS = Stream.of(
            type("TreatySigned", "signatureDate", "signedBy"),
            type("InstrumentDeposited", "instrumentType", "depositDate", "effectiveFrom", "provisionalApplication"),
            type("WithdrawalNotified", "noticeReceived", "reasons", "announcedEffectiveDate"),
            type("WithdrawalRevoked", "revokedOn"),
            type("ArmedConflictEngaged", "since"),
            type("ArmedConflictEnded", "endedOn"),
            type("StockpileDestructionCompleted", "completedOn", "dateBasis", "minesDestroyed", "figurePrecision",
                    "note", "sourceConflict", "includingRetained"),
            type("StockpileStillHeldReported", "reportedOn", "minesHeld", "figurePrecision", "note"),
            type("MinedAreasReported", "reportedOn"),
            type("ExtensionRequested", "requestId", "submittedOn", "requestedDeadline", "sourceConflict"),
            type("ExtensionDecided", "requestId", "meeting", "decidedOn", "granted", "newDeadline", "sourceConflict"),
            type("ClearanceCompleted", "completedOn", "meeting", "sourceConflict"),
            type("PreviouslyUnknownMinedAreaFound", "foundOn", "sourceConflict"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));

    private static Map.Entry<String, List<String>> type(String type, String... fields) {
        return Map.entry(type, Stream.concat(EVERY_FACT.stream(), Arrays.stream(fields)).toList());
    }

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
                    partial(f.completedOn(), "completedOn"), f.sourceReference(), f.dateBasis(),
                    figure(f.minesDestroyed(), f.figurePrecision(), f.note(), "minesDestroyed"), f.figurePrecision(),
                    f.note(), f.sourceConflict(), Boolean.TRUE.equals(f.includingRetained()));
            case "StockpileStillHeldReported" -> new StockpileStillHeldReported(f.iso3(),
                    partial(f.reportedOn(), "reportedOn"), figure(f.minesHeld(), f.figurePrecision(), f.note(),
                    "minesHeld"), f.figurePrecision(), f.note(), f.sourceReference());
            case "MinedAreasReported" -> new MinedAreasReported(f.iso3(), partial(f.reportedOn(), "reportedOn"),
                    f.sourceReference());
            case "ExtensionRequested" -> new ExtensionRequested(f.iso3(), required(f.requestId(), "requestId"),
                    partial(f.submittedOn(), "submittedOn"), f.requestedDeadline(), f.sourceConflict(),
                    f.sourceReference());
            case "ExtensionDecided" -> new ExtensionDecided(f.iso3(), f.requestId(), meeting(f.meeting()),
                    optionalPartial(f.decidedOn(), "decidedOn"), required(f.granted(), "granted"), f.newDeadline(),
                    inForceFrom(f.decidedOn(), f.meeting()), f.sourceConflict(), f.sourceReference());
            case "ClearanceCompleted" -> new ClearanceCompleted(f.iso3(),
                    optionalPartial(f.completedOn(), "completedOn"), meeting(f.meeting()),
                    datedOrRefused(inForceFrom(f.completedOn(), f.meeting()), "completedOn"),
                    f.sourceConflict(), f.sourceReference());
            case "PreviouslyUnknownMinedAreaFound" -> new PreviouslyUnknownMinedAreaFound(f.iso3(),
                    partial(f.foundOn(), "foundOn"), f.sourceConflict(), f.sourceReference());
            default -> throw new IllegalArgumentException("no conversion for " + f.type());
        };
        LocalDate latest = today.plusDays(FUTURE_TOLERANCE_DAYS);
        for (LocalDate happened : datesOfHappening(f)) {
            if (happened.isAfter(latest)) {
                throw new RuleViolation("date-in-future", f.type() + " is dated " + happened + " or later, in the "
                        + "future; facts are recorded once they happen.");
            }
        }
        if (fact.effectiveDate() != null && fact.effectiveDate().isBefore(OPENED_FOR_SIGNATURE)) {
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
            throw new RuleViolation("deposit-month-unknown", "depositDate", "depositDate " + deposit
                    + " gives only the year; entry into force (Art. 17) counts from the month of deposit, so at least "
                    + "the month is needed.");
        }
        return new InstrumentDeposited(f.iso3(), stateName, required(f.instrumentType(), "instrumentType"),
                deposit.toString(), f.effectiveFrom(), EntryIntoForce.of(deposit, f.effectiveFrom()),
                Boolean.TRUE.equals(f.provisionalApplication()), f.sourceReference());
    }

    /**
     * The earliest day each date of a fact may stand for (deadlines, which lie ahead by nature, excepted): a
     * partial date in the future is one whose period has not begun.
     */
    private static List<LocalDate> datesOfHappening(PostedFact f) {
        List<LocalDate> dates = new ArrayList<>();
        Stream.of(f.depositDate(), f.noticeReceived(), f.since(), f.completedOn(), f.reportedOn(), f.submittedOn(),
                        f.decidedOn(), f.foundOn())
                .filter(d -> d != null && !d.isBlank()).forEach(d -> dates.add(PartialDate.parse(d).earliest()));
        Stream.of(f.signatureDate(), f.signedBy(), f.revokedOn(), f.endedOn()).filter(Objects::nonNull)
                .forEach(dates::add);
        return dates;
    }

    /**
     * When an Article 5 decision or completion counts for {@code asOf}: its date if exact; else the last day of
     * the meeting that took it (when a partial date is given, the meeting must fall within it); else the last day
     * of the partial date; null when neither is known.
     */
    static LocalDate inForceFrom(String date, String meeting) {
        PartialDate given = date == null || date.isBlank() ? null : PartialDate.parse(date);
        LocalDate meetingEnd =
                meeting == null || meeting.isBlank() ? null : Meetings.find(meeting).orElseThrow().endDate();
        if (given != null && (given.isExact() || meetingEnd == null || meetingEnd.isBefore(given.earliest())
                || meetingEnd.isAfter(given.certainBy()))) {
            return given.certainBy();
        }
        return meetingEnd;
    }

    /**
     * A number of mines comes with how exact it is, so it is never shown as more exact than stated; a range has no
     * single number, and its ends go in the note.
     */
    private static Long figure(Long mines, FigurePrecision precision, String note, String field) {
        if (mines != null && mines < 0) {
            throw new RuleViolation("negative-quantity", field, "'" + field + "' cannot be negative.");
        }
        if (mines != null && precision == null) {
            throw new RuleViolation("figure-precision", "figurePrecision", "'" + field
                    + "' needs 'figurePrecision' (EXACT, APPROXIMATE, LOWER_BOUND, AS_STATED): a figure is never shown "
                    + "as more exact than its source.");
        }
        if (precision == FigurePrecision.RANGE && (mines != null || note == null || note.isBlank())) {
            throw new RuleViolation("figure-range", field, "A RANGE has no single number: leave '" + field
                    + "' out and give both ends in 'note'.");
        }
        return mines;
    }

    private static String meeting(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (Meetings.find(code).isEmpty()) {
            throw new RuleViolation("unknown-meeting", "meeting", "'" + code + "' is not a meeting in the calendar ("
                    + "e.g. 9MSP, RC5); see GET /api/registry/meetings.");
        }
        return code;
    }

    private static LocalDate datedOrRefused(LocalDate date, String field) {
        if (date == null) {
            throw new RuleViolation("no-date", "The fact has no date at all: give '" + field + "' or the meeting.");
        }
        return date;
    }

    private static String optionalPartial(String value, String field) {
        return value == null || value.isBlank() ? null : partial(value, field);
    }

    private static <T> T required(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new RuleViolation("missing-field", field, "'" + field + "' is required for this type of fact.");
        }
        return value;
    }

    private static String partial(String value, String field) {
        try {
            return PartialDate.parse(required(value, field)).toString();
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("bad-date", field, "'" + field + "': " + e.getMessage() + ".");
        }
    }
}
