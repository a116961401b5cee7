package org.treatyregistry.convention.participation;

import java.time.LocalDate;
import java.util.List;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.WithdrawalNotified;

/**
 * When a withdrawal takes effect (Convention Art. 20.2-20.3): six months after the Depositary received the
 * notice; but if the State is then engaged in an armed conflict, not before the end of that conflict.
 *
 * @param date   null while the effect cannot be dated (held by an ongoing conflict, or receipt day unknown)
 * @param reason how the date was reached, or why there is none
 */
public record WithdrawalEffect(LocalDate date, String reason) {

    public static WithdrawalEffect of(WithdrawalNotified notice, List<Object> conflictFacts) {
        LocalDate sixMonths = null;
        String basis = null;
        if (notice.received().isExact()) {
            sixMonths = notice.received().certainBy().plusMonths(6);
            basis = "six months after receipt of the notice on " + notice.noticeReceived() + " (Art. 20.2)";
        } else if (notice.announcedEffectiveDate() != null) {
            sixMonths = notice.announcedEffectiveDate();
            basis = "as announced in the sources; the day of receipt (" + notice.noticeReceived()
                    + ") is not on record";
        }
        // Art. 20.3 looks at the time the withdrawal would take effect; without that date, at the notice.
        LocalDate reference = sixMonths != null ? sixMonths : notice.received().certainBy();
        boolean engaged = false;
        LocalDate conflictEnd = null;
        for (Object fact : conflictFacts) {
            if (fact instanceof ArmedConflictEngaged started && !started.start().earliest().isAfter(reference)) {
                engaged = true;
                conflictEnd = null;
            } else if (fact instanceof ArmedConflictEnded ended && engaged) {
                if (ended.endedOn().isAfter(reference)) {
                    conflictEnd = ended.endedOn();
                } else {
                    engaged = false;
                }
            }
        }
        if (engaged && conflictEnd == null) {
            return new WithdrawalEffect(null, "held back: the State is engaged in an armed conflict, and the "
                    + "withdrawal does not take effect before its end (Art. 20.3)"
                    + (sixMonths != null ? "; it would otherwise have taken effect on " + sixMonths : ""));
        }
        if (sixMonths == null) {
            return new WithdrawalEffect(null, "the day the notice was received (" + notice.noticeReceived()
                    + ") is not on record, so the six months of Art. 20.2 cannot be counted");
        }
        if (engaged) {
            return new WithdrawalEffect(conflictEnd, "at the end on " + conflictEnd + " of the armed conflict the "
                    + "State was engaged in when the withdrawal would have taken effect (Art. 20.3)");
        }
        return new WithdrawalEffect(sixMonths, basis);
    }
}
