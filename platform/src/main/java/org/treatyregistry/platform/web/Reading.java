package org.treatyregistry.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The two times every read answers for. {@code asOf} is legal time: the date whose status, deadlines and
 * obligations are asked (default today). {@code knownAt} is recording time: only facts recorded by then count,
 * corrections included (default now). A correction recorded on 1 July therefore changes the answers with
 * {@code knownAt} after 1 July and leaves those before it as they were.
 */
public record Reading(LocalDate asOf, Instant knownAt) {

    public static Reading of(LocalDate asOf, Instant knownAt, Clock clock) {
        return new Reading(asOf == null ? LocalDate.now(clock) : asOf, knownAt == null ? clock.instant() : knownAt);
    }
}
