package org.treatyregistry.registry.referencedata;

import java.util.ArrayList;
import java.util.List;
import org.treatyregistry.platform.ingestion.BatchIngestion;

/** What the last reference-data load did: rows recorded now, recorded before, flagged (with why), refused. */
public record LoadReport(boolean ran, int loaded, int alreadyLoaded, List<String> flagged, List<String> refused) {

    static LoadReport notRun() {
        return new LoadReport(false, 0, 0, List.of(), List.of());
    }

    static final class Builder {
        private int loaded;
        private int alreadyLoaded;
        private final List<String> flagged = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();

        void add(BatchIngestion.Outcome.Status status, String row, String flag) {
            if (status == BatchIngestion.Outcome.Status.RECORDED) {
                loaded++;
            } else {
                alreadyLoaded++;
            }
            if (flag != null) {
                flagged.add(row + ": " + flag);
            }
        }

        void refuse(String row) {
            refused.add(row);
        }

        LoadReport build() {
            return new LoadReport(true, loaded, alreadyLoaded, List.copyOf(flagged), List.copyOf(refused));
        }
    }
}
