package org.treatyregistry.registry.participation;

import java.time.LocalDate;

/** The status of a State on a date, from its deposit and entry into force (Art. 16-17). */
public enum ParticipationStatus {
    NOT_SIGNED,
    AWAITING_ENTRY_INTO_FORCE,
    STATE_PARTY;

    /**
     * @param depositDate    null when no instrument is on record
     * @param entryIntoForce the Art. 17 date for that deposit
     */
    public static ParticipationStatus on(LocalDate date, LocalDate depositDate, LocalDate entryIntoForce) {
        if (depositDate == null || date.isBefore(depositDate)) {
            return NOT_SIGNED;
        }
        return date.isBefore(entryIntoForce) ? AWAITING_ENTRY_INTO_FORCE : STATE_PARTY;
    }
}
