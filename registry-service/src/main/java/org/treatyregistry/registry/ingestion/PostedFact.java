package org.treatyregistry.registry.ingestion;

import java.time.LocalDate;
import java.util.UUID;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.participation.InstrumentType;

/**
 * A fact as an integration posts it, read by platform's strict reader: {@code type} names the event, the other
 * fields are those of that type ({@link FactConversion#FIELDS}; any other is refused). Dates marked "partial" may
 * be {@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY}.
 * {@code signedBy} stands for {@code signatureDate} when the day of a signature is unknown: the date by which
 * the State had certainly signed. {@code sourceConflict} records where sources disagree about the fact.
 * {@code clientId} makes posting idempotent. {@code corrects} (an event id) with {@code correctionReason} makes
 * the fact a correction of one recorded earlier. A number of mines ({@code minesDestroyed}, {@code minesHeld})
 * comes with its {@code figurePrecision}, so that it is never shown as more exact than the source.
 */
public record PostedFact(
        UUID clientId,
        String type,
        String iso3,
        String sourceReference,
        String sourceConflict,
        String corrects,
        String correctionReason,
        LocalDate signatureDate,
        LocalDate signedBy,
        InstrumentType instrumentType,
        String depositDate,
        LocalDate effectiveFrom,
        Boolean provisionalApplication,
        String noticeReceived,
        String reasons,
        LocalDate announcedEffectiveDate,
        LocalDate revokedOn,
        String since,
        LocalDate endedOn,
        String completedOn,
        String reportedOn,
        String requestId,
        String submittedOn,
        LocalDate requestedDeadline,
        String meeting,
        String decidedOn,
        Boolean granted,
        LocalDate newDeadline,
        String foundOn,
        DateBasis dateBasis,
        Long minesDestroyed,
        Long minesHeld,
        FigurePrecision figurePrecision,
        String note,
        Boolean includingRetained) {
}
