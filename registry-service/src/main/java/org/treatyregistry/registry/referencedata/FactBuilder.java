package org.treatyregistry.registry.referencedata;

import java.time.LocalDate;
import java.util.UUID;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.registry.ingestion.PostedFact;

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

    PostedFact build() {
        return new PostedFact(clientId, type, iso3, source, null, null, signatureDate, signedBy, instrumentType,
                depositDate, effectiveFrom, null, noticeReceived, reasons, announcedEffectiveDate, null, since, null,
                null, null, null, null, null, null, null, null, null, null);
    }
}
