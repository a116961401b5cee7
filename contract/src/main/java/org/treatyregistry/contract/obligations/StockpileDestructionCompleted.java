package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State completed the destruction of its stockpiled anti-personnel mines (Art. 4). Every field after
 * {@code sourceReference} was added later and is optional: events recorded before carry none of them.
 *
 * @param completedOn       as precise as the record is
 * @param dateBasis         what {@code completedOn} is (the end of destruction, or when it was announced, reported
 *                          or declared); null when the source does not say
 * @param minesDestroyed    the number destroyed, as stated; null when no single total is stated
 * @param figurePrecision   how exact {@code minesDestroyed} is; RANGE has no number (both ends are in the note)
 * @param note              what the source says beyond the figure: parts of a total, a range's ends, context
 * @param sourceConflict    what other sources say where they disagree; null otherwise
 * @param includingRetained the destruction included the mines retained under Art. 3 (Turkmenistan, 2005)
 */
public record StockpileDestructionCompleted(String iso3, String completedOn, String sourceReference,
                                            DateBasis dateBasis, Long minesDestroyed, FigurePrecision figurePrecision,
                                            String note, String sourceConflict, boolean includingRetained)
        implements StateEvent {

    /** A completion with its date only, as first published. */
    public StockpileDestructionCompleted(String iso3, String completedOn, String sourceReference) {
        this(iso3, completedOn, sourceReference, null, null, null, null, null, false);
    }

    public PartialDate completed() {
        return PartialDate.parse(completedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return completed().certainBy();
    }
}
