package org.treatyregistry.reporting.landrelease;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A State's contamination on {@code asOf} as known at {@code knownAt}: land still to release by status (SHA,
 * CHA) and kind of contamination, and land released each year by method (Action 22). {@code events} counts the
 * facts behind the numbers; {@code /contamination/{year}/events} lists them.
 */
public record StateContamination(String iso3, String name, LocalDate asOf, Instant knownAt, long remainingM2,
                                 long identifiedM2, long releasedM2, List<Remaining> remaining,
                                 List<Released> released, long events) {

    public record Remaining(String status, String contamination, long identifiedM2, long releasedM2,
                            long remainingM2, long areasIdentified) {
    }

    public record Released(int year, String method, long m2, long minesDestroyed) {
    }
}
