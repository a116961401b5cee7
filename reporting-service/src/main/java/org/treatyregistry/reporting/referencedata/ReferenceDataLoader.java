package org.treatyregistry.reporting.referencedata;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.convention.reporting.ReportPeriods;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.ItemError;
import org.treatyregistry.platform.ingestion.PostedEvent;
import org.treatyregistry.platform.instances.ServiceLock;
import org.treatyregistry.reporting.ingestion.ReportingIngestion;

/**
 * Loads the reporting record shipped with the service (Article 7 submissions and monitors' lists of missing
 * reports, mines retained under Article 3, land-release figures of Cambodia and Sri Lanka) through the same
 * ingestion and validation as any integration. Each row is posted under a client id derived from its place in the
 * data (file, State and the row's key), so a restart, or a load interrupted half way, records nothing twice. A row
 * the rules refuse is reported with the reason and the rest loads regardless. Rows are recorded as they are, and
 * flagged where the data lacks something:
 * <ul>
 *   <li>a dated submission is a {@code ReportReceived}: the record knows it arrived, not what it says;</li>
 *   <li>a dated list of missing reports is a monitor's statement on its date ({@code MissingReportListed}),
 *       about the States it names only; an undated one is dated by the latest year its notes name;</li>
 *   <li>a figure of mines retained is stated for a year, or for the initial declaration (dated by its source);</li>
 *   <li>a land-release figure is a State-wide total for the period the source gives, in its unit.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "treaty.reporting.reference-data.load", havingValue = "true", matchIfMissing = true)
public class ReferenceDataLoader {

    static final String PRINCIPAL = "reference-data";
    static final String SUBMISSIONS = "article7_submissions.csv";
    static final String RETAINED = "retained_mines.csv";
    static final String LAND_RELEASE = "land_release.csv";
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);
    private static final Pattern AS_OF =
            Pattern.compile("(not_submitted|late)_as_of_(\\d{4}-\\d{2}-\\d{2}|LM(\\d{4}))");
    private static final Pattern YEAR = Pattern.compile("\\b(19|20)\\d{2}\\b");
    private static final int MAX_SOURCE = 1_000;

    private final ReportingIngestion ingestion;
    private final ServiceLock lock;
    private volatile LoadReport report = LoadReport.notRun();

    ReferenceDataLoader(ReportingIngestion ingestion, ServiceLock lock) {
        this.ingestion = ingestion;
        this.lock = lock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadOnStart() {
        // Two instances starting together: one loads, the other then finds it all loaded before.
        report = lock.exclusively("reference-data", this::load);
        log.info("Reporting reference data: {} rows loaded now, {} loaded before, {} flagged, {} refused",
                report.recorded(), report.alreadyRecorded(), report.flagged().size(), report.refused().size());
        report.refused().forEach(r -> log.warn("Reporting reference data row refused: {}", r));
    }

    public LoadReport report() {
        return report;
    }

    LoadReport load() {
        return new LoadReport(true, List.of(
                loadFile(SUBMISSIONS, ReferenceDataLoader::submission,
                        "A sample of the record, not the record: a report absent here is unknown, not missing.",
                        "The list of reports missing for 2014 (as of 18 June 2015) is incomplete in the source read: "
                                + "81 of the 101 States are named. Each row is a statement about the State it names; "
                                + "nothing is inferred for the others."),
                loadFile(RETAINED, ReferenceDataLoader::retained, "Figures from 1999 to 2019; nothing later was "
                        + "found. A figure as a source states it, not a report on record: the stockpile ledger does "
                        + "not draw on it."),
                loadFile(LAND_RELEASE, ReferenceDataLoader::landRelease, "State-wide figures as the sources state "
                        + "them, not hazardous areas: the land-release read model by area (GET "
                        + "/api/reporting/contamination) does not include them.")));
    }

    /** A row read: the item to post and what it lacks (flag), or why it cannot be recorded (refusal). */
    private record Read(String label, Item item, String flag, String refusal) {

        static Read recorded(String label, List<String> flags, Item item) {
            return new Read(label, item, flags.isEmpty() ? null : String.join("; ", flags), null);
        }

        static Read refused(String label, String refusal) {
            return new Read(label, null, null, refusal);
        }
    }

    /** Reads a file's rows, then posts those it could read as one batch; notes say what the data says of it. */
    private LoadReport.FileLoad loadFile(String file, Function<Map<String, String>, Read> reader, String... notes) {
        LoadReport.FileBuilder result = new LoadReport.FileBuilder(file);
        Arrays.stream(notes).forEach(result::note);
        List<Read> pending = new ArrayList<>();
        for (Map<String, String> row : read(file)) {
            Read read = reader.apply(row);
            if (read.refusal() != null) {
                result.refuse(read.label(), read.refusal());
            } else {
                pending.add(read);
            }
        }
        postAll(result, pending);
        return result.build();
    }

    /** A dated submission is a receipt; a dated (or datable) list of missing reports, a monitor's statement. */
    private static Read submission(Map<String, String> row) {
        String iso3 = row.get("iso3");
        String period = row.get("report_year");
        String status = row.get("status");
        String label = SUBMISSIONS + " " + iso3 + " " + period + " " + status;
        String source = source(SUBMISSIONS, row);
        String key = "article7:" + period + ":" + status;
        List<String> flags = new ArrayList<>();
        if (status.startsWith("submitted")) {
            Optional<String> received = dated(row.get("submitted_on"), row.get("date_precision"), row.get("notes"),
                    "received", flags);
            if (received.isEmpty()) {
                return Read.refused(label, "no date of receipt, and none in its notes: a receipt on no known date");
            }
            if (!ReportPeriods.isValid(period)) {
                flags.add("period '" + period + "' as the source names it: matched to no due report of the "
                        + "Art. 7 schedule");
            }
            flags.add("receipt only: what the report says is not on record");
            return Read.recorded(label, flags, item(iso3, key, "ReportReceived").with("period", period)
                    .with("received", received.get()).with("sourceStatus", status).with("sourceReference", source));
        }
        Matcher dated = AS_OF.matcher(status);
        String statement;
        Optional<String> statedOn;
        if (dated.matches()) {
            statement = dated.group(1);
            statedOn = Optional.of(dated.group(3) != null ? dated.group(3) : dated.group(2));
            if (dated.group(3) != null) {
                flags.add("dated by the Landmine Monitor report of " + dated.group(3) + ": known to the year");
            }
        } else if (status.equals("not_submitted")) {
            statement = "not_submitted";
            statedOn = dated("", "", row.get("notes"), "stated", flags);
        } else {
            return Read.refused(label, "unknown status '" + status + "'");
        }
        if (statedOn.isEmpty()) {
            return Read.refused(label, "a statement that a report was missing needs the date it was made; the row "
                    + "and its notes give none");
        }
        return Read.recorded(label, flags, item(iso3, key, "MissingReportListed").with("period", period)
                .with("statedOn", statedOn.get()).with("statement", statement).with("sourceReference", source));
    }

    /**
     * The row's date as precise as it is; an undated row is dated by the latest year its notes name (the year of
     * the monitor's report that says it), known to the year, and flagged.
     */
    private static Optional<String> dated(String date, String precision, String notes, String what,
                                          List<String> flags) {
        if (!date.isBlank()) {
            PartialDate parsed = PartialDate.parse(date);
            if (!precision.isBlank() && !parsed.precision().name().equalsIgnoreCase(precision)) {
                flags.add("date_precision says " + precision + " but the date is " + date + ": read as " + date);
            }
            if (!parsed.isExact()) {
                flags.add(what + " date known only to the " + parsed.precision().name().toLowerCase() + " (" + date
                        + "): counted from the last day of its period");
            }
            return Optional.of(date);
        }
        Matcher years = YEAR.matcher(notes == null ? "" : notes);
        String latest = null;
        while (years.find()) {
            latest = latest == null || years.group().compareTo(latest) > 0 ? years.group() : latest;
        }
        if (latest != null) {
            flags.add("undated in the data: dated by its notes to " + latest + ", known to the year");
        }
        return Optional.ofNullable(latest);
    }

    private static Read retained(Map<String, String> row) {
        String iso3 = row.get("iso3");
        String figureFor = row.get("figure_for_year");
        String label = RETAINED + " " + iso3 + " " + figureFor + " (stated " + row.get("report_year") + ")";
        List<String> flags = new ArrayList<>();
        if (ReportPeriods.INITIAL.equals(figureFor)) {
            flags.add("initial declaration, its year not given: dated by its source (" + row.get("report_year")
                    + "), the latest it can have been made");
        }
        long mines;
        int statedIn;
        try {
            mines = Long.parseLong(row.get("mines_retained"));
            statedIn = Integer.parseInt(row.get("report_year"));
        } catch (NumberFormatException e) {
            return Read.refused(label, "mines_retained and report_year must be whole numbers: "
                    + row.get("mines_retained") + ", " + row.get("report_year"));
        }
        return Read.recorded(label, flags, item(iso3, "retained:" + figureFor + ":" + statedIn,
                "RetainedMinesStated").with("figureFor", figureFor).with("minesRetained", mines)
                .with("statedIn", statedIn).with("sourceReference", source(RETAINED, row)));
    }

    private static Read landRelease(Map<String, String> row) {
        String iso3 = row.get("iso3");
        String period = row.get("year");
        String label = LAND_RELEASE + " " + iso3 + " " + period + " " + row.get("metric");
        List<String> flags = new ArrayList<>();
        if (period.matches("\\d{4}-\\d{4}")) {
            flags.add("a total over " + period + " as stated, not an annual figure");
        } else if (period.matches("\\d{4}-\\d{2}")) {
            flags.add("a figure as of " + period + ", as stated");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(row.get("value"));
        } catch (NumberFormatException e) {
            return Read.refused(label, "the value '" + row.get("value") + "' is not a number");
        }
        return Read.recorded(label, flags, item(iso3, "land-release:" + period + ":" + row.get("metric"),
                "LandReleaseFigureStated").with("period", period).with("metric", row.get("metric"))
                .with("value", value).with("unit", row.get("unit")).with("sourceReference", source(LAND_RELEASE, row)));
    }

    /**
     * Posts a file's rows as one batch, checked whole like any post; the rows refused are reported with their
     * reason, and the others posted again without them (nothing of a refused batch is recorded).
     */
    private void postAll(LoadReport.FileBuilder result, List<Read> pending) {
        List<Read> remaining = new ArrayList<>(pending);
        while (!remaining.isEmpty()) {
            try {
                List<BatchIngestion.Outcome> outcomes = ingestion.ingest(remaining.stream()
                        .map(p -> new PostedEvent(p.item().fields())).toList(), PRINCIPAL);
                for (int i = 0; i < outcomes.size(); i++) {
                    result.outcome(outcomes.get(i).status(), remaining.get(i).label(), remaining.get(i).flag());
                }
                return;
            } catch (BatchIngestion.Refused refused) {
                List<Read> accepted = new ArrayList<>(remaining);
                for (ItemError error : refused.errors()) {
                    Read row = remaining.get(error.index());
                    result.refuse(row.label(), error.rule() + ": " + error.detail());
                    accepted.remove(row);
                }
                remaining = accepted;
            }
        }
    }

    /** The source reference: the file, the row's sources and its notes, which say what the figure is. */
    private static String source(String file, Map<String, String> row) {
        String notes = row.getOrDefault("notes", "");
        String source = file + ": " + row.get("source") + (notes.isBlank() ? "" : " (" + notes + ")");
        return source.length() > MAX_SOURCE ? source.substring(0, MAX_SOURCE) : source;
    }

    /** A posted item, its client id derived from the file's key for the row and its State. */
    private static Item item(String iso3, String key, String type) {
        UUID clientId = UUID.nameUUIDFromBytes(("reference-data:" + iso3 + ":" + key).getBytes(StandardCharsets.UTF_8));
        return new Item(new LinkedHashMap<>()).with("clientId", clientId.toString()).with("type", type)
                .with("iso3", iso3);
    }

    private record Item(Map<String, Object> fields) {
        Item with(String field, Object value) {
            fields.put(field, value);
            return this;
        }
    }

    private static List<Map<String, String>> read(String file) {
        CsvMapper csv = new CsvMapper();
        try (InputStream in = ReferenceDataLoader.class.getResourceAsStream("/reference-data/" + file)) {
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
