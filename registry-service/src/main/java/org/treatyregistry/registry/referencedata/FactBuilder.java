package org.treatyregistry.registry.referencedata;

import java.time.LocalDate;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.referencedata.ReferenceDataLoad;

/** Builds the posted form of a reference-data row, so the loader goes through the integrations' path. */
final class FactBuilder {

    private final ReferenceDataLoad.Item item;
    private final String type;

    FactBuilder(ReferenceDataLoad.Item item, String type) {
        this.item = item;
        this.type = type;
    }

    String type() {
        return type;
    }

    ReferenceDataLoad.Item item() {
        return item;
    }

    FactBuilder signatureDate(LocalDate date) {
        item.with("signatureDate", date);
        return this;
    }

    /** A signature whose day the data does not give, certainly made by {@code date}. */
    FactBuilder signedBy(LocalDate date) {
        item.with("signedBy", date);
        return this;
    }

    FactBuilder instrument(InstrumentType instrumentType, String date, LocalDate from) {
        item.with("instrumentType", instrumentType).with("depositDate", date).with("effectiveFrom", from);
        return this;
    }

    FactBuilder withdrawal(String received, String reasons, LocalDate announced) {
        item.with("noticeReceived", received).with("reasons", reasons).with("announcedEffectiveDate", announced);
        return this;
    }

    FactBuilder since(String since) {
        item.with("since", since);
        return this;
    }

    FactBuilder reportedOn(String date) {
        item.with("reportedOn", date);
        return this;
    }

    FactBuilder request(String id, String submitted, LocalDate requested) {
        item.with("requestId", id).with("submittedOn", submitted).with("requestedDeadline", requested);
        return this;
    }

    /** A granted extension: the data records no refusals. */
    FactBuilder decision(String request, String meetingCode, String decided, LocalDate deadline) {
        item.with("requestId", request).with("meeting", meetingCode).with("decidedOn", decided)
                .with("newDeadline", deadline).with("granted", true);
        return this;
    }

    FactBuilder completion(String completed, String meetingCode) {
        item.with("completedOn", completed).with("meeting", meetingCode);
        return this;
    }

    FactBuilder found(String date) {
        item.with("foundOn", date);
        return this;
    }

    /** An Article 4 completion: its date and what the date is, the number destroyed as stated, the note. */
    FactBuilder stockpileDestroyed(String completed, DateBasis basis, Long mines, FigurePrecision precision,
                                   String sourceNote, boolean retainedToo) {
        item.with("completedOn", completed).with("dateBasis", basis).with("minesDestroyed", mines)
                .with("figurePrecision", precision).with("note", sourceNote).with("includingRetained", retainedToo);
        return this;
    }

    /** A dated statement that stockpiled mines were still held. */
    FactBuilder stockpileStillHeld(String reported, Long mines, FigurePrecision precision, String sourceNote) {
        item.with("reportedOn", reported).with("minesHeld", mines).with("figurePrecision", precision)
                .with("note", sourceNote);
        return this;
    }

    /** Makes the fact a correction of the recorded fact {@code eventId}. */
    FactBuilder corrects(String eventId, String reason) {
        item.with("corrects", eventId).with("correctionReason", reason);
        return this;
    }

    FactBuilder conflict(String conflict) {
        item.with("sourceConflict", conflict);
        return this;
    }
}
