package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A dated statement that a State still held stockpiled anti-personnel mines: the Article 4 obligation is unmet on
 * {@code reportedOn} (Greece and Ukraine, past their deadlines). Not a completion, and not a stockpile count the
 * reporting service keeps per mine type.
 *
 * @param reportedOn      as precise as the record is
 * @param minesHeld       the number still held, as stated; null when not stated
 * @param figurePrecision how exact {@code minesHeld} is
 * @param note            what the source says beyond the figure
 */
public record StockpileStillHeldReported(String iso3, String reportedOn, Long minesHeld,
                                         FigurePrecision figurePrecision, String note, String sourceReference)
        implements StateEvent {

    public PartialDate reported() {
        return PartialDate.parse(reportedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return reported().certainBy();
    }
}
