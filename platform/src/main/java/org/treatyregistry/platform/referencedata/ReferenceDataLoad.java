package org.treatyregistry.platform.referencedata;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.ItemError;
import org.treatyregistry.platform.ingestion.PostedEvent;
import org.treatyregistry.platform.ingestion.PostedEventIngestion;
import org.treatyregistry.platform.instances.ServiceLock;

/**
 * The load of the record a service ships, the same for every service that has one: under a lease (two instances
 * starting together: one loads, the other then finds it all loaded before), each file read from
 * {@code /reference-data/} by the service's reader for it, its rows posted as one batch through the service's
 * ingestion like any integration's, under client ids derived from the row's State and the file's key for it, so a
 * restart or an interrupted load records nothing twice. A refused row is reported with why, and the rest loads. A
 * row that says something else than what was loaded under its client id (corrected in a later release of the data)
 * is recorded as a correction of that fact, where the service records corrections ({@link Corrections}).
 */
public final class ReferenceDataLoad {

    public static final String PRINCIPAL = "reference-data";
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoad.class);

    private final PostedEventIngestion ingestion;
    private final BatchIngestion batches;
    private final ServiceLock lock;
    private final Corrections corrections;

    /** {@code corrections}: null where the service records no corrections of loaded rows. */
    public ReferenceDataLoad(PostedEventIngestion ingestion, BatchIngestion batches, ServiceLock lock,
                             Corrections corrections) {
        this.ingestion = ingestion;
        this.batches = batches;
        this.lock = lock;
        this.corrections = corrections;
    }

    /** How a service corrects a recorded fact: the fields that make a posted row the correction of it. */
    public interface Corrections {

        /** The fields to add to {@code row} so it corrects what its client id recorded; empty if it cannot. */
        Optional<Map<String, Object>> correcting(PostedEvent row);
    }

    /** One shipped file: its name, what the data says of it as a whole, and the service's reader of its rows. */
    public record File(String name, BiConsumer<List<Map<String, String>>, Rows> reader, List<String> notes) {

        public static File of(String name, BiConsumer<List<Map<String, String>>, Rows> reader, String... notes) {
            return new File(name, reader, List.of(notes));
        }
    }

    /** What a file's reader makes of its rows: items to post (with what the row lacks) and rows refused. */
    public static final class Rows {
        private record Row(String label, PostedEvent item, String flag) {
        }

        private final List<Row> posts = new ArrayList<>();
        private final LoadReport.FileBuilder result;

        private Rows(LoadReport.FileBuilder result) {
            this.result = result;
        }

        /** {@code flag}: what the row lacks or how it was read, null if nothing. */
        public void post(String label, Item item, String flag) {
            posts.add(new Row(label, item.posted(), flag));
        }

        public void refuse(String label, String reason) {
            result.refuse(label, reason);
        }
    }

    /** A posted item under construction: a client id derived from the row's State and key, its type, its fields. */
    public static final class Item {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Item(String iso3, String key, String type) {
            fields.put("clientId", clientId("reference-data:" + iso3 + ":" + key).toString());
            fields.put("type", type);
            fields.put("iso3", iso3);
        }

        /** Sets a field as JSON holds it (text for dates, enums and ids); a null value leaves it out. */
        public Item with(String field, Object value) {
            if (value != null) {
                fields.put(field, value instanceof Number || value instanceof Boolean ? value : value.toString());
            }
            return this;
        }

        PostedEvent posted() {
            return new PostedEvent(new LinkedHashMap<>(fields));
        }
    }

    public static Item item(String iso3, String key, String type) {
        return new Item(iso3, key, type);
    }

    private static UUID clientId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The load under the service's lease, logged: what {@code GET .../operations/reference-data} answers. */
    public LoadReport loadExclusively(Class<?> resources, List<File> files) {
        LoadReport report = lock.exclusively("reference-data", () -> load(resources, files));
        log.info("Reference data: {} rows loaded now, {} loaded before, {} flagged, {} refused", report.recorded(),
                report.alreadyRecorded(), report.flagged().size(), report.refused().size());
        report.refused().forEach(r -> log.warn("Reference data row refused: {}", r));
        return report;
    }

    /** The files in order, each read whole and then posted as one batch. */
    public LoadReport load(Class<?> resources, List<File> files) {
        List<LoadReport.FileLoad> loads = new ArrayList<>();
        for (File file : files) {
            LoadReport.FileBuilder result = new LoadReport.FileBuilder(file.name());
            file.notes().forEach(result::note);
            Rows rows = new Rows(result);
            file.reader().accept(read(resources, file.name()), rows);
            post(result, rows.posts);
            loads.add(result.build());
        }
        return new LoadReport(true, loads);
    }

    /**
     * Posts a file's rows as one batch, checked whole like any post. Rows refused are reported with their reason and
     * the others posted again without them (nothing of a refused batch is recorded); a row changed since it was
     * loaded is replaced by its correction.
     */
    private void post(LoadReport.FileBuilder result, List<Rows.Row> rows) {
        List<Rows.Row> remaining = new ArrayList<>(rows);
        List<Rows.Row> corrected = new ArrayList<>();
        while (!remaining.isEmpty()) {
            try {
                List<BatchIngestion.Outcome> outcomes = ingestion.ingest(remaining.stream().map(Rows.Row::item)
                        .toList(), PRINCIPAL);
                for (int i = 0; i < outcomes.size(); i++) {
                    Rows.Row row = remaining.get(i);
                    if (corrected.contains(row)) {
                        result.corrected(outcomes.get(i).status(), row.label(), row.flag());
                    } else {
                        result.outcome(outcomes.get(i).status(), row.label(), row.flag());
                    }
                }
                return;
            } catch (BatchIngestion.Refused refused) {
                List<Rows.Row> next = new ArrayList<>(remaining);
                for (ItemError error : refused.errors()) {
                    Rows.Row row = remaining.get(error.index());
                    int at = next.indexOf(row);
                    if (at < 0) {
                        continue;
                    }
                    boolean changed = "client-id-reused".equals(error.rule()) && !corrected.contains(row);
                    Optional<Rows.Row> correction = changed ? correction(row) : Optional.empty();
                    if (correction.isPresent() && correction.get().item() == null) {
                        next.remove(at);
                        result.corrected(BatchIngestion.Outcome.Status.ALREADY_RECORDED, row.label(), row.flag());
                    } else if (correction.isPresent()) {
                        next.set(at, correction.get());
                        corrected.add(correction.get());
                    } else {
                        next.remove(at);
                        result.refuse(row.label(), error.rule() + ": " + error.detail() + (changed ? " The row "
                                + "changed since it was loaded, and this service records no correction of a loaded "
                                + "row." : ""));
                    }
                }
                remaining = next;
            }
        }
    }

    /**
     * The row as a correction of what its client id recorded, under a client id derived from that id and the row's
     * content; without an item if that correction is recorded already (a later start: the row changed answers 409
     * again). A further change of the row corrects the fact as it then stands. Empty if the service cannot correct.
     */
    private Optional<Rows.Row> correction(Rows.Row row) {
        if (corrections == null) {
            return Optional.empty();
        }
        String clientId = clientId(row.item().clientId() + ":" + ingestion.fingerprint(row.item())).toString();
        if (batches.known(List.of(clientId), id -> id).contains(clientId)) {
            return Optional.of(new Rows.Row(row.label(), null, row.flag()));
        }
        return corrections.correcting(row.item()).map(correcting -> {
            Map<String, Object> fields = new LinkedHashMap<>(row.item().fields());
            fields.put("clientId", clientId);
            fields.putAll(correcting);
            return new Rows.Row(row.label(), new PostedEvent(fields), row.flag());
        });
    }

    /** A shipped CSV file, its header naming the columns. */
    public static List<Map<String, String>> read(Class<?> resources, String file) {
        CsvMapper csv = new CsvMapper();
        try (InputStream in = resources.getResourceAsStream("/reference-data/" + file)) {
            if (in == null) {
                throw new IllegalStateException("reference data " + file + " is not on the classpath");
            }
            MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(in);
            return new ArrayList<>(rows.readAll());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference data " + file, e);
        }
    }
}
