package org.treatyregistry.platform.kafka;

import java.time.Instant;
import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;

/** An event received from another service's topic, with its CloudEvents envelope. */
public record InboundEvent(
        String id,
        String source,
        String type,
        String subject,
        LocalDate effectiveDate,
        Instant recordedAt,
        String principal,
        long sequence,
        StateEvent payload) {

    /** The fact as its service recorded it. */
    public Fact fact() {
        return new Fact(id, recordedAt, principal, payload);
    }
}
