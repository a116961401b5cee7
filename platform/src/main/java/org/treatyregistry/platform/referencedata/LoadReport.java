package org.treatyregistry.platform.referencedata;

import java.util.ArrayList;
import java.util.List;
import org.treatyregistry.platform.ingestion.BatchIngestion;

/**
 * What the last load of a service's shipped record did, file by file: rows recorded now, recorded by an earlier
 * load, flagged (recorded, with what the row lacks or how it was read) and refused (not recorded, with why).
 */
public record LoadReport(boolean ran, List<FileLoad> files) {

    public static LoadReport notRun() {
        return new LoadReport(false, List.of());
    }

    /** One file: its rows, what became of them, and what the data says of the file as a whole. */
    public record FileLoad(String file, int rows, int recorded, int alreadyRecorded, List<String> flagged,
                           List<String> refused, List<String> notes) {
    }

    public int recorded() {
        return files.stream().mapToInt(FileLoad::recorded).sum();
    }

    public int alreadyRecorded() {
        return files.stream().mapToInt(FileLoad::alreadyRecorded).sum();
    }

    public List<String> refused() {
        return files.stream().flatMap(f -> f.refused().stream()).toList();
    }

    public List<String> flagged() {
        return files.stream().flatMap(f -> f.flagged().stream()).toList();
    }

    /** Collects one file's outcomes as its rows are posted. */
    static final class FileBuilder {
        private final String file;
        private int rows;
        private int recorded;
        private int alreadyRecorded;
        private final List<String> flagged = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        FileBuilder(String file) {
            this.file = file;
        }

        void outcome(BatchIngestion.Outcome.Status status, String row, String flag) {
            rows++;
            if (status == BatchIngestion.Outcome.Status.RECORDED) {
                recorded++;
            } else {
                alreadyRecorded++;
            }
            if (flag != null) {
                flagged.add(row + ": " + flag);
            }
        }

        void corrected(BatchIngestion.Outcome.Status status, String row, String flag) {
            outcome(status, row, (flag == null ? "" : flag + "; ") + "changed in this release of the data: recorded "
                    + "as a correction of the fact loaded before, which history keeps");
        }

        void refuse(String row, String reason) {
            rows++;
            refused.add(row + ": " + reason);
        }

        void note(String note) {
            notes.add(note);
        }

        FileLoad build() {
            return new FileLoad(file, rows, recorded, alreadyRecorded, List.copyOf(flagged), List.copyOf(refused),
                    List.copyOf(notes));
        }
    }
}
