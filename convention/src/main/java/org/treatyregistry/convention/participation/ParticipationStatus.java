package org.treatyregistry.convention.participation;

/** The status of a State on a date (Convention Art. 15-20); computed by {@link StateHistory#statusOn}. */
public enum ParticipationStatus {
    NOT_SIGNED,
    SIGNATORY,
    AWAITING_ENTRY_INTO_FORCE,
    STATE_PARTY,
    /** Notice received (Art. 20.2); still a party with all obligations until it takes effect. */
    WITHDRAWAL_PENDING,
    WITHDRAWN
}
