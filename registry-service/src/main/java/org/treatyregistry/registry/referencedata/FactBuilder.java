package org.treatyregistry.registry.referencedata;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.ingestion.PostedEvent;

/** Builds the posted form of a reference-data row, so the loader goes through the integrations' path. */
final class FactBuilder {

    private final UUID clientId;
    private final String type;
    private final String iso3;
    private final String source;
    private LocalDate signatureDate;
    private InstrumentType instrumentType;
    private String depositDate;
    private LocalDate effectiveFrom;
    private String noticeReceived;
    private String reasons;
    private LocalDate announcedEffectiveDate;
    private String since;
    private LocalDate signedBy;
    private String reportedOn;
    private String requestId;
    private String submittedOn;
    private LocalDate requestedDeadline;
    private String meeting;
    private String decidedOn;
    private LocalDate newDeadline;
    private String completedOn;
    private String foundOn;
    private String sourceConflict;
    private boolean granted;
    private DateBasis dateBasis;
    private Long minesDestroyed;
    private Long minesHeld;
    private FigurePrecision figurePrecision;
    private String note;
    private Boolean includingRetained;
    private String corrects;
    private String correctionReason;

    FactBuilder(UUID clientId, String type, String iso3, String source) {
        this.clientId = clientId;
        this.type = type;
        this.iso3 = iso3;
        this.source = source;
    }

    FactBuilder signatureDate(LocalDate date) {
        this.signatureDate = date;
        return this;
    }

    /** A signature whose day the data does not give, certainly made by {@code date}. */
    FactBuilder signedBy(LocalDate date) {
        this.signedBy = date;
        return this;
    }

    FactBuilder instrument(InstrumentType type, String date, LocalDate from) {
        this.instrumentType = type;
        this.depositDate = date;
        this.effectiveFrom = from;
        return this;
    }

    FactBuilder withdrawal(String received, String reasons, LocalDate announced) {
        this.noticeReceived = received;
        this.reasons = reasons;
        this.announcedEffectiveDate = announced;
        return this;
    }

    FactBuilder since(String since) {
        this.since = since;
        return this;
    }

    FactBuilder reportedOn(String date) {
        this.reportedOn = date;
        return this;
    }

    FactBuilder request(String id, String submitted, LocalDate requested) {
        this.requestId = id;
        this.submittedOn = submitted;
        this.requestedDeadline = requested;
        return this;
    }

    /** A granted extension: the data records no refusals. */
    FactBuilder decision(String request, String meetingCode, String decided, LocalDate deadline) {
        this.requestId = request;
        this.meeting = meetingCode;
        this.decidedOn = decided;
        this.newDeadline = deadline;
        this.granted = true;
        return this;
    }

    FactBuilder completion(String completed, String meetingCode) {
        this.completedOn = completed;
        this.meeting = meetingCode;
        return this;
    }

    FactBuilder found(String date) {
        this.foundOn = date;
        return this;
    }

    /** An Article 4 completion: its date and what the date is, the number destroyed as stated, the note. */
    FactBuilder stockpileDestroyed(String completed, DateBasis basis, Long mines, FigurePrecision precision,
                                   String sourceNote, boolean retainedToo) {
        this.completedOn = completed;
        this.dateBasis = basis;
        this.minesDestroyed = mines;
        this.figurePrecision = precision;
        this.note = sourceNote;
        this.includingRetained = retainedToo;
        return this;
    }

    /** A dated statement that stockpiled mines were still held. */
    FactBuilder stockpileStillHeld(String reported, Long mines, FigurePrecision precision, String sourceNote) {
        this.reportedOn = reported;
        this.minesHeld = mines;
        this.figurePrecision = precision;
        this.note = sourceNote;
        return this;
    }

    /** Makes the fact a correction of the recorded fact {@code eventId}. */
    FactBuilder corrects(String eventId, String reason) {
        this.corrects = eventId;
        this.correctionReason = reason;
        return this;
    }

    FactBuilder conflict(String conflict) {
        this.sourceConflict = conflict;
        return this;
    }

    /** The row as an integration would post it: JSON values only, absent fields left out. */
    PostedEvent build() {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "clientId", clientId);
        put(fields, "type", type);
        put(fields, "iso3", iso3);
        put(fields, "sourceReference", source);
        put(fields, "sourceConflict", sourceConflict);
        put(fields, "corrects", corrects);
        put(fields, "correctionReason", correctionReason);
        put(fields, "signatureDate", signatureDate);
        put(fields, "signedBy", signedBy);
        put(fields, "instrumentType", instrumentType);
        put(fields, "depositDate", depositDate);
        put(fields, "effectiveFrom", effectiveFrom);
        put(fields, "noticeReceived", noticeReceived);
        put(fields, "reasons", reasons);
        put(fields, "announcedEffectiveDate", announcedEffectiveDate);
        put(fields, "since", since);
        put(fields, "completedOn", completedOn);
        put(fields, "reportedOn", reportedOn);
        put(fields, "requestId", requestId);
        put(fields, "submittedOn", submittedOn);
        put(fields, "requestedDeadline", requestedDeadline);
        put(fields, "meeting", meeting);
        put(fields, "decidedOn", decidedOn);
        put(fields, "granted", "ExtensionDecided".equals(type) ? granted : null);
        put(fields, "newDeadline", newDeadline);
        put(fields, "foundOn", foundOn);
        put(fields, "dateBasis", dateBasis);
        put(fields, "minesDestroyed", minesDestroyed);
        put(fields, "minesHeld", minesHeld);
        put(fields, "figurePrecision", figurePrecision);
        put(fields, "note", note);
        put(fields, "includingRetained", includingRetained);
        return new PostedEvent(fields);
    }

    private static void put(Map<String, Object> fields, String field, Object value) {
        if (value != null) {
            fields.put(field, value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
    }
}
