package org.treatyregistry.reporting.referencedata;

import static org.treatyregistry.platform.referencedata.ReferenceDataLoad.item;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.convention.reporting.ReportPeriods;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.instances.ServiceLock;
import org.treatyregistry.platform.referencedata.LoadReport;
import org.treatyregistry.platform.referencedata.ReferenceDataLoad;
import org.treatyregistry.reporting.ingestion.ReportingIngestion;

/**
 * The reporting record shipped with the service (Article 7 submissions and monitors' lists of missing reports,
 * mines retained under Article 3, land-release figures of Cambodia and Sri Lanka), loaded by platform's
 * {@link ReferenceDataLoad}: this class reads each file's rows. Rows are recorded as they are, and flagged where the
 * data lacks something:
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

    static final String SUBMISSIONS = "article7_submissions.csv";
    static final String RETAINED = "retained_mines.csv";
    static final String LAND_RELEASE = "land_release.csv";
    private static final Pattern AS_OF =
            Pattern.compile("(not_submitted|late)_as_of_(\\d{4}-\\d{2}-\\d{2}|LM(\\d{4}))");
    private static final Pattern YEAR = Pattern.compile("\\b(19|20)\\d{2}\\b");
    private static final int MAX_SOURCE = 1_000;

    private final ReferenceDataLoad load;
    private volatile LoadReport report = LoadReport.notRun();

    ReferenceDataLoader(ReportingIngestion ingestion, BatchIngestion batches, ServiceLock lock) {
        this.load = new ReferenceDataLoad(ingestion, batches, lock, null);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadOnStart() {
        report = load.loadExclusively(ReferenceDataLoader.class, files());
    }

    public LoadReport report() {
        return report;
    }

    LoadReport load() {
        return load.load(ReferenceDataLoader.class, files());
    }

    private static List<ReferenceDataLoad.File> files() {
        return List.of(
                file(SUBMISSIONS, ReferenceDataLoader::submission,
                        "A sample of the record, not the record: a report absent here is unknown, not missing.",
                        "The list of reports missing for 2014 (as of 18 June 2015) is incomplete in the source read: "
                                + "81 of the 101 States are named. Each row is a statement about the State it names; "
                                + "nothing is inferred for the others."),
                file(RETAINED, ReferenceDataLoader::retained, "Figures from 1999 to 2019; nothing later was "
                        + "found. A figure as a source states it, not a report on record: the stockpile ledger does "
                        + "not draw on it."),
                file(LAND_RELEASE, ReferenceDataLoader::landRelease, "State-wide figures as the sources state "
                        + "them, not hazardous areas: the land-release read model by area (GET "
                        + "/api/reporting/contamination) does not include them."));
    }

    /** A row read: the item to post and what it lacks (flag), or why it cannot be recorded (refusal). */
    private record Read(String label, ReferenceDataLoad.Item item, String flag, String refusal) {

        static Read recorded(String label, List<String> flags, ReferenceDataLoad.Item item) {
            return new Read(label, item, flags.isEmpty() ? null : String.join("; ", flags), null);
        }

        static Read refused(String label, String refusal) {
            return new Read(label, null, null, refusal);
        }
    }

    /** A file whose rows are read one by one: each recorded (maybe flagged) or refused. */
    private static ReferenceDataLoad.File file(String file, Function<Map<String, String>, Read> reader,
                                               String... notes) {
        return ReferenceDataLoad.File.of(file, (rows, result) -> rows.stream().map(reader).forEach(read -> {
            if (read.refusal() != null) {
                result.refuse(read.label(), read.refusal());
            } else {
                result.post(read.label(), read.item(), read.flag());
            }
        }), notes);
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

    /** The source reference: the file, the row's sources and its notes, which say what the figure is. */
    private static String source(String file, Map<String, String> row) {
        String notes = row.getOrDefault("notes", "");
        String source = file + ": " + row.get("source") + (notes.isBlank() ? "" : " (" + notes + ")");
        return source.length() > MAX_SOURCE ? source.substring(0, MAX_SOURCE) : source;
    }
}
