package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * The Depositary received a State's notice of withdrawal (Art. 20.2), with the reasons it gave.
 *
 * @param noticeReceived         as precise as the record is; {@code 2025} when only the year is known
 * @param announcedEffectiveDate the date the sources announce the withdrawal takes effect, when the day of
 *                               receipt is unknown (Poland: 20 February 2026); otherwise null
 */
public record WithdrawalNotified(String iso3, String noticeReceived, String reasons, LocalDate announcedEffectiveDate,
                                 String sourceReference) implements StateEvent {

    public PartialDate received() {
        return PartialDate.parse(noticeReceived);
    }

    @Override
    public LocalDate effectiveDate() {
        return received().certainBy();
    }
}
