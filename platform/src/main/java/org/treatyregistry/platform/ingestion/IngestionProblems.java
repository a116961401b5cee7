package org.treatyregistry.platform.ingestion;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/** The problem details of the ingestion contract, the same for every service. */
public final class IngestionProblems {

    private IngestionProblems() {
    }

    public static void checkBatchSize(List<?> items) {
        if (items.isEmpty() || items.size() > BatchIngestion.MAX_BATCH) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "batch-size", "Batch size",
                    "Post between 1 and " + BatchIngestion.MAX_BATCH + " facts at a time; this post has "
                            + items.size() + "."));
        }
    }

    public static ResponseEntity<ProblemDetail> refused(BatchIngestion.Refused refused) {
        HttpStatus status = HttpStatus.valueOf(refused.status());
        String type = status == HttpStatus.CONFLICT ? "client-id-reused" : "facts-refused";
        ProblemDetail problem = Problems.of(status, type,
                "Facts not recorded", refused.errors().stream().map(ItemError::index).distinct().count()
                        + " of the posted facts cannot be recorded, so none "
                        + "was; see 'errors'. First: item " + refused.errors().get(0).index() + ": "
                        + refused.errors().get(0).detail());
        problem.setProperty("errors", refused.errors());
        return ResponseEntity.status(status).body(problem);
    }

    /** The record changed between the check and the recording (another post about the same stream). */
    public static ResponseEntity<ProblemDetail> changedMeanwhile(String rule, String message) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, rule,
                "Record changed meanwhile", message + " A record changed while this post was checked; nothing was "
                        + "recorded for it. Post the same batch again: facts already recorded are recognised by "
                        + "their clientId and not recorded twice."));
    }
}
