package org.treatyregistry.reporting.landrelease;

import java.util.List;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.convention.RuleViolation;

/** One hazardous area's land release (Action 22, IMAS): no more land released than the area has left. */
public final class AreaRules {

    private AreaRules() {
    }

    /** The area's land not yet released, in m2, after the given facts of that area. */
    public static long remaining(List<? extends StateEvent> areaFacts) {
        long size = areaFacts.stream().filter(HazardousAreaRecorded.class::isInstance)
                .mapToLong(e -> ((HazardousAreaRecorded) e).sizeM2()).sum();
        long released = areaFacts.stream().filter(LandReleased.class::isInstance)
                .mapToLong(e -> ((LandReleased) e).m2()).sum();
        return size - released;
    }

    public static Optional<RuleViolation> check(List<? extends StateEvent> areaFacts, StateEvent next) {
        Optional<HazardousAreaRecorded> area = areaFacts.stream().filter(HazardousAreaRecorded.class::isInstance)
                .map(HazardousAreaRecorded.class::cast).findFirst();
        if (next instanceof HazardousAreaRecorded recorded) {
            if (area.isPresent()) {
                return violation("area-exists", "Area " + recorded.areaId() + " of " + recorded.iso3()
                        + " is already on record (identified " + area.get().identifiedOn() + "); area ids are "
                        + "unique within a State.");
            }
            if (recorded.status() == null || recorded.contamination() == null) {
                return violation("area-kind", "An area is SUSPECTED or CONFIRMED and contaminated with AP_MINES, "
                        + "IMPROVISED_AP_MINES or MIXED.");
            }
            return recorded.sizeM2() <= 0 ? violation("area-size", "An area's size is a positive number of m2; "
                    + "got " + recorded.sizeM2() + ".") : Optional.empty();
        }
        LandReleased released = (LandReleased) next;
        if (area.isEmpty()) {
            return violation("unknown-area", "Area " + released.areaId() + " of " + released.iso3() + " is not on "
                    + "record: record it (HazardousAreaRecorded) before releasing land from it.");
        }
        if (released.method() == null) {
            return violation("release-method", "Land is released by CANCELLED (non-technical survey), REDUCED "
                    + "(technical survey) or CLEARED.");
        }
        if (released.m2() <= 0 || released.minesDestroyed() < 0) {
            return violation("negative-quantity", "Land released is a positive number of m2 and mines destroyed "
                    + "is not negative; got " + released.m2() + " m2 and " + released.minesDestroyed() + " mines.");
        }
        if (released.releasedOn().isBefore(area.get().identifiedOn())) {
            return violation("released-before-identified", "Land of area " + released.areaId() + " cannot be "
                    + "released on " + released.releasedOn() + ", before the area was identified ("
                    + area.get().identifiedOn() + ").");
        }
        long left = remaining(areaFacts);
        if (released.m2() > left) {
            return violation("more-than-remains", "Releasing " + released.m2() + " m2 of area "
                    + released.areaId() + " exceeds the " + left + " m2 that remain of it.");
        }
        return Optional.empty();
    }

    private static Optional<RuleViolation> violation(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }
}
