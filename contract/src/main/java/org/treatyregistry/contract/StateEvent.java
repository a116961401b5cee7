package org.treatyregistry.contract;

import java.time.LocalDate;

/**
 * A fact about one State, as published by a service. Every event on the Kafka topics is one of these:
 * {@link #iso3()} is the record key and the CloudEvents {@code subject} (so each State's events stay in
 * order), and {@link #effectiveDate()} is the legal date of the fact, the CloudEvents {@code time}.
 */
public interface StateEvent {

    /** The State's ISO 3166-1 alpha-3 code. */
    String iso3();

    /** The date the fact takes legal effect (a deposit date, a notice's receipt, a decision's date). */
    LocalDate effectiveDate();
}
