package org.treatyregistry.registry.referencedata;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.participation.EntryIntoForce;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.PostedEvent;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.instances.ServiceLock;
import org.treatyregistry.platform.referencedata.LoadReport;
import org.treatyregistry.platform.referencedata.ReferenceDataLoad;
import org.treatyregistry.registry.ingestion.RegistryIngestion;
import org.treatyregistry.registry.obligations.Meetings;

/**
 * The reference data shipped with the service (participation records of 165 States, the 2025 withdrawals, the
 * Article 5 histories of 61 States, three more affected States, Article 4 stockpile destruction of 30 States),
 * loaded by platform's {@link ReferenceDataLoad}: this class reads each file's rows, and gives the registry's
 * correction of a fact whose row a later release of the data gives otherwise. Where the data lacks something, the
 * row is loaded as the data has it and flagged:
 * <ul>
 *   <li>a ratification without a signature date: recorded as signed by the deposit (no day is invented);</li>
 *   <li>a deposit known only to the month (Poland, 2012-12): recorded with month precision; Art. 17 needs no day;</li>
 *   <li>a withdrawal whose day of receipt is unknown: recorded with the year as its precision, with the date of
 *       effect the sources announce where they give one (Poland: 20 February 2026);</li>
 *   <li>Ukraine's withdrawal: an armed conflict the State is engaged in is recorded with it, so the withdrawal
 *       does not take effect before the conflict ends (Art. 20.3).</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "treaty.registry.reference-data.load", havingValue = "true", matchIfMissing = true)
public class ReferenceDataLoader {

    private static final Pattern ANNOUNCED_EFFECT = Pattern.compile("taking effect on (\\d{4}-\\d{2}-\\d{2})");
    /** Greece, Ukraine: "ICBL (2024 intersessional): 325,413 remaining". */
    private static final Pattern STILL_HELD = Pattern.compile("([A-Za-z]+) \\((\\d{4})[^)]*\\): ([\\d,]+) remaining");
    /** Cape Verde, Guinea: "completed by April 2008". */
    private static final Pattern COMPLETED_BY = Pattern.compile("completed by ([A-Z][a-z]+ \\d{4})");
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    /** The States whose withdrawal the reference data says is held back by an armed conflict (Art. 20.3). */
    private static final List<String> IN_ARMED_CONFLICT = List.of("UKR");

    private final ReferenceDataLoad load;
    private final EventStore eventStore;
    private volatile LoadReport report = LoadReport.notRun();

    ReferenceDataLoader(RegistryIngestion ingestion, BatchIngestion batches, EventStore eventStore,
                        ServiceLock lock) {
        this.eventStore = eventStore;
        this.load = new ReferenceDataLoad(ingestion, batches, lock, this::correcting);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadOnStart() {
        report = load.loadExclusively(ReferenceDataLoader.class, files());
    }

    public LoadReport report() {
        return report;
    }

    LoadReport load() {
        return load(files());
    }

    LoadReport load(List<ReferenceDataLoad.File> files) {
        return load.load(ReferenceDataLoader.class, files);
    }

    /** The shipped files in the order their facts build on each other, each with its reader. */
    List<ReferenceDataLoad.File> files() {
        return List.of(
                ReferenceDataLoad.File.of("participation.csv",
                        (rows, result) -> rows.forEach(row -> loadParticipation(row, new Posts(result)))),
                ReferenceDataLoad.File.of("withdrawals.csv",
                        (rows, result) -> rows.forEach(row -> loadWithdrawal(row, new Posts(result)))),
                ReferenceDataLoad.File.of("article5.csv", (rows, result) -> {
                    Map<String, List<Map<String, String>>> byState = new LinkedHashMap<>();
                    rows.forEach(row -> byState.computeIfAbsent(row.get("iso3"), k -> new ArrayList<>()).add(row));
                    byState.forEach((iso3, history) -> loadArticle5(iso3, history, new Posts(result)));
                }),
                ReferenceDataLoad.File.of("affected_states.csv",
                        (rows, result) -> rows.forEach(row -> loadAffectedState(row, new Posts(result)))),
                ReferenceDataLoad.File.of("article4_completions.csv", (rows, result) -> {
                    Map<String, Integer> completions = new LinkedHashMap<>();
                    rows.forEach(row -> loadArticle4(row, completions.merge(row.get("iso3"), 1, Integer::sum) - 1,
                            new Posts(result)));
                }));
    }

    /** A file's rows as this loader posts them: labelled by file, State and type. */
    record Posts(ReferenceDataLoad.Rows rows) {

        void post(String file, String iso3, FactBuilder fact, String flag) {
            rows.post(file + " " + iso3 + " " + fact.type(), fact.item(), flag);
        }

        void refuse(String label, String reason) {
            rows.refuse(label, reason);
        }
    }

    /**
     * The registry's correction of a loaded fact whose row the shipped data now gives otherwise: it corrects the
     * fact its client id recorded, or the fact that replaced it if that was corrected since.
     */
    private Optional<Map<String, Object>> correcting(PostedEvent row) {
        String iso3 = String.valueOf(row.fields().get("iso3"));
        List<Fact> recorded = RecordedStream.recordedUnder(eventStore, iso3, row.clientId());
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        List<Fact> stream = RecordedStream.load(eventStore, iso3).facts();
        String current = recorded.get(recorded.size() - 1).eventId();
        for (int i = 0; i + 1 < stream.size(); i++) {
            if (stream.get(i).event() instanceof FactRetracted r && r.retractedEventId().equals(current)) {
                current = stream.get(i + 1).eventId();
            }
        }
        return Optional.of(Map.of("corrects", current, "correctionReason", "a later release of the shipped "
                + "reference data gives this row otherwise; the fact as loaded before stays in the history"));
    }

    /**
     * A State whose mined areas are on record but which has no Article 5 history (Oman, Palestine, Sri Lanka): its
     * obligation runs from entry into force (Art. 5.1); the initial Article 7 report is when the record learnt of it.
     */
    private void loadAffectedState(Map<String, String> row, Posts result) {
        String file = "affected_states.csv";
        String iso3 = row.get("iso3");
        if (!"mined_areas_reported".equals(row.get("event"))) {
            result.refuse(file + " " + iso3, "unknown event '" + row.get("event") + "'");
            return;
        }
        String date = row.get("date");
        Optional<String> mismatch = precisionMismatch(date, row.get("date_precision"));
        if (mismatch.isPresent()) {
            result.refuse(file + " " + iso3 + " MinedAreasReported", mismatch.get());
            return;
        }
        PartialDate reported = PartialDate.parse(date);
        String notes = row.get("notes");
        String source = file + ": " + row.get("source") + (notes.isBlank() ? "" : " (" + notes + ")");
        result.post(file, iso3, fact(iso3, "MinedAreasReported", "affected:mined-areas", source).reportedOn(date),
                reported.isExact() ? null : "reported in " + reported + ", known only to the "
                        + reported.precision().name().toLowerCase() + ": the obligation runs from entry into force "
                        + "regardless");
    }

    /**
     * One row of Article 4 stockpile destruction. A completion keeps what its date is (the end of destruction, or
     * when it was announced, reported or declared) and its figure with the figure's precision, never made exact; a
     * {@code not_completed} row is a dated statement that the State still held stockpiled mines, not a completion.
     * What the data lacks is flagged: a missing total, a range, a partial date, another source's value.
     */
    private void loadArticle4(Map<String, String> row, int index, Posts result) {
        String file = "article4_completions.csv";
        String iso3 = row.get("iso3");
        String status = row.get("status");
        String key = "article4:" + index;
        String source = file + ": " + row.get("source");
        String notes = blankToNull(row.get("notes"));
        List<String> flags = new ArrayList<>();
        if ("not_completed".equals(status)) {
            Matcher remaining = notes == null ? null : STILL_HELD.matcher(notes);
            if (remaining == null || !remaining.find()) {
                result.refuse(file + " " + iso3 + " StockpileStillHeldReported", "the row says the destruction is not "
                        + "completed but gives no dated statement of what was still held");
                return;
            }
            result.post(file, iso3, fact(iso3, "StockpileStillHeldReported", key, source).stockpileStillHeld(
                            remaining.group(2), Long.parseLong(remaining.group(3).replace(",", "")),
                            FigurePrecision.AS_STATED, notes),
                    "not completed: recorded as " + remaining.group(1) + "'s statement that " + remaining.group(3)
                            + " mines were still held in " + remaining.group(2) + ", not as a completion");
            return;
        }
        if (!"completed".equals(status) && !"completed_including_retained".equals(status)) {
            result.refuse(file + " " + iso3 + " row " + index, "unknown status '" + status + "'");
            return;
        }
        String date = blankToNull(row.get("completed_on"));
        DateBasis basis = row.get("date_basis").isBlank() ? null
                : DateBasis.valueOf(row.get("date_basis").toUpperCase());
        if (date == null) {
            // ICBL's backgrounder of April 2008: Cape Verde and Guinea "completed by April 2008", no day given
            Matcher by = notes == null ? null : COMPLETED_BY.matcher(notes);
            if (by == null || !by.find()) {
                result.refuse(file + " " + iso3 + " StockpileDestructionCompleted", "no completion date in the data, "
                        + "nor a date by which it was reported");
                return;
            }
            date = YearMonth.parse(by.group(1), MONTH_YEAR).toString();
            basis = DateBasis.REPORTED;
            flags.add("no completion date in the data: recorded as reported completed by " + date
                    + ", the month the source gives, not the month destruction ended");
        } else {
            Optional<String> mismatch = precisionMismatch(date, row.get("date_precision"));
            if (mismatch.isPresent()) {
                result.refuse(file + " " + iso3 + " StockpileDestructionCompleted", mismatch.get());
                return;
            }
            PartialDate completed = PartialDate.parse(date);
            if (!completed.isExact()) {
                flags.add("date known only to the " + completed.precision().name().toLowerCase());
            }
            if (basis == null) {
                flags.add("the data does not say what the date is (completion or announcement)");
            } else if (basis != DateBasis.COMPLETED) {
                flags.add("the date is when completion was " + basis.name().toLowerCase() + ", not when it ended");
            }
        }
        Long mines = row.get("mines_destroyed").isBlank() ? null : Long.valueOf(row.get("mines_destroyed"));
        FigurePrecision precision = row.get("figure_precision").isBlank() ? null
                : FigurePrecision.valueOf(row.get("figure_precision").toUpperCase());
        if (precision == FigurePrecision.RANGE) {
            flags.add("the number destroyed is a range, its ends in the note");
        } else if (mines == null) {
            flags.add("no total number destroyed in the data"
                    + (notes != null ? "; what the sources give is in the note" : ""));
        } else if (precision != FigurePrecision.EXACT) {
            flags.add("figure " + Article4.figure(mines, precision) + " (" + precision.name().toLowerCase() + ")");
        }
        String conflict = notes == null || !notes.contains("CONFLICT:") ? null
                : notes.substring(notes.indexOf("CONFLICT:") + "CONFLICT:".length()).trim();
        if (conflict != null) {
            flags.add("sources disagree: " + conflict);
        }
        boolean retainedToo = "completed_including_retained".equals(status);
        if (retainedToo) {
            flags.add("includes the mines retained under Art. 3");
        }
        result.post(file, iso3, fact(iso3, "StockpileDestructionCompleted", key, source)
                        .stockpileDestroyed(date, basis, mines, precision, notes, retainedToo).conflict(conflict),
                flags.isEmpty() ? null : String.join("; ", flags));
    }

    /** The data's {@code date_precision} column against the date it qualifies. */
    private static Optional<String> precisionMismatch(String date, String precision) {
        String actual = PartialDate.parse(date).precision().name().toLowerCase();
        return actual.equals(precision) ? Optional.empty()
                : Optional.of("date " + date + " is known to the " + actual + " but the row gives precision '"
                + precision + "'");
    }

    /**
     * One State's Article 5 history, in the file's order. The rows' presence is the evidence the State is affected
     * (recorded first, dated by its earliest row). A grant answers the latest request not yet decided; a grant
     * with none is recorded without one and flagged (a decision is authoritative). Rows where the sources
     * disagree carry the disagreement. Rows the rules refuse are reported with the reason.
     */
    private void loadArticle5(String iso3, List<Map<String, String>> rows, Posts result) {
        String file = "article5.csv";
        // Dated by the earliest row, or by the meeting of an undated one (Bulgaria's only row: completion at 4MSP).
        // Where the earliest row is a find, the State had no obligation before it (Burkina Faso, Cameroon, Mali):
        // the find itself gives it one, and no mined areas are recorded as reported before.
        Optional<Map<String, String>> earliest = rows.stream().filter(r -> dateOf(r) != null)
                .min(Comparator.comparing(r -> PartialDate.parse(dateOf(r)).earliest()));
        if (earliest.isPresent() && !"reopened".equals(earliest.get().get("event"))) {
            result.post(file, iso3, fact(iso3, "MinedAreasReported", "article5:affected",
                    "article5.csv: " + rows.size() + " Article 5 facts on record")
                    .reportedOn(dateOf(earliest.get())), null);
        }
        Deque<String> undecided = new ArrayDeque<>();
        int requests = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String key = "article5:" + i;
            String source = "article5.csv: " + row.get("source");
            String date = blankToNull(row.get("date"));
            String meeting = blankToNull(row.get("meeting_code"));
            PartialDate given = row.get("deadline").isBlank() ? null : PartialDate.parse(row.get("deadline"));
            String conflict = blankToNull(row.get("conflict"));
            List<String> flags = new ArrayList<>();
            if (given != null && !given.isExact()) {
                // A deadline is a day; a requested one known only to the year is kept in the flag, not invented.
                flags.add("deadline " + given + " known only to the " + given.precision().name().toLowerCase()
                        + ": recorded without it");
            }
            LocalDate deadline = given == null || !given.isExact() ? null : given.earliest();
            if (conflict != null) {
                flags.add("sources disagree: " + conflict);
            }
            FactBuilder fact;
            switch (row.get("event")) {
                case "extension_requested" -> {
                    String requestId = iso3 + "-R" + (++requests);
                    undecided.push(requestId);
                    fact = fact(iso3, "ExtensionRequested", key, source).request(requestId, date, deadline);
                }
                case "extension_granted" -> {
                    String requestId = undecided.isEmpty() ? null : undecided.pop();
                    undecided.clear();
                    if (requestId == null) {
                        flags.add("its request is not on record");
                    }
                    if (date == null) {
                        flags.add(meeting != null ? "no date: in force from the last day of " + meeting
                                : "neither date nor meeting: in force from the deadline it extends");
                    }
                    if (deadline == null) {
                        flags.add("its new deadline is not in the data: the deadline in force is unknown after it");
                    }
                    fact = fact(iso3, "ExtensionDecided", key, source).decision(requestId, meeting, date, deadline);
                }
                case "completion_declared" -> {
                    if (date == null && meeting != null) {
                        flags.add("no date: in force from the last day of " + meeting);
                    }
                    fact = fact(iso3, "ClearanceCompleted", key, source).completion(date, meeting);
                }
                case "reopened" -> {
                    FactBuilder find = fact(iso3, "PreviouslyUnknownMinedAreaFound", key, source).found(date);
                    if (earliest.isPresent() && earliest.get() == row) {
                        flags.add("no Article 5 obligation on record before it: the find creates one");
                        derivedEvidence(iso3).ifPresent(eventId -> find.corrects(eventId, "the data shows no mined "
                                + "areas before this find: the obligation arises from the find, not from entry into "
                                + "force"));
                    }
                    fact = find;
                }
                default -> {
                    result.refuse(file + " " + iso3 + " row " + i, "unknown event '" + row.get("event") + "'");
                    continue;
                }
            }
            result.post(file, iso3, fact.conflict(conflict), flags.isEmpty() ? null : String.join("; ", flags));
        }
    }

    /**
     * The mined areas an earlier version of this loader derived from a history that opens with a find (Burkina
     * Faso, Cameroon, Mali), as recorded, retracted or not: the find is posted as its correction, so a store loaded
     * before reads as a fresh one, and a later load posts the same correction again (recorded once).
     */
    private Optional<String> derivedEvidence(String iso3) {
        return RecordedStream.load(eventStore, iso3).facts().stream()
                .filter(e -> e.event() instanceof MinedAreasReported m && m.sourceReference() != null
                        && m.sourceReference().startsWith("article5.csv: "))
                .map(Fact::eventId).findFirst();
    }

    private static String dateOf(Map<String, String> article5Row) {
        return !article5Row.get("date").isBlank() ? article5Row.get("date")
                : Meetings.find(article5Row.get("meeting_code")).map(m -> m.endDate().toString()).orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    void loadParticipation(Map<String, String> row, Posts result) {
        String iso3 = row.get("iso3");
        String source = "participation.csv: " + row.get("source");
        PartialDate deposit = PartialDate.parse(row.get("instrument_date"));
        InstrumentType type = InstrumentType.valueOf(row.get("instrument_type").toUpperCase());
        String signature = row.get("signature_date");
        if (!signature.isBlank()) {
            result.post("participation.csv", iso3, fact(iso3, "TreatySigned", "signature", source)
                    .signatureDate(LocalDate.parse(signature)), null);
        } else if (type.requiresSignature()) {
            LocalDate signedBy = deposit.certainBy().isAfter(EntryIntoForce.OF_THE_CONVENTION)
                    ? EntryIntoForce.OF_THE_CONVENTION : deposit.certainBy();
            result.post("participation.csv", iso3, fact(iso3, "TreatySigned", "signature", source)
                    .signedBy(signedBy), "the data gives a " + type.name().toLowerCase() + " but no signature date: "
                    + "recorded as signed by " + signedBy + ", the day unknown");
        }
        String effectiveFrom = row.get("effective_from");
        result.post("participation.csv", iso3, fact(iso3, "InstrumentDeposited", "deposit", source)
                        .instrument(type, deposit.toString(),
                                effectiveFrom.isBlank() ? null : LocalDate.parse(effectiveFrom)),
                deposit.isExact() ? null : "deposit date known only to the " + deposit.precision().name().toLowerCase()
                        + " (" + deposit + "); entry into force counts from the month (Art. 17)");
    }

    private void loadWithdrawal(Map<String, String> row, Posts result) {
        String iso3 = row.get("iso3");
        String source = "withdrawals.csv: " + row.get("source");
        String received = row.get("notice_received");
        String flag = null;
        LocalDate announced = null;
        if (received.isBlank()) {
            received = "2025";
            Matcher effect = ANNOUNCED_EFFECT.matcher(row.get("note"));
            announced = effect.find() ? LocalDate.parse(effect.group(1)) : null;
            flag = "day of receipt not in the sources: recorded as received in 2025"
                    + (announced != null ? ", taking effect on " + announced + " as the sources announce" : "");
        }
        if (IN_ARMED_CONFLICT.contains(iso3)) {
            result.post("withdrawals.csv", iso3, fact(iso3, "ArmedConflictEngaged", "armed-conflict", source)
                    .since("2025"), "engaged in an armed conflict when the notice was given (data README): "
                    + "Art. 20.3 holds the withdrawal back; the conflict's start is recorded as 2025, the year "
                    + "of the notice");
        }
        result.post("withdrawals.csv", iso3, fact(iso3, "WithdrawalNotified", "withdrawal", source)
                .withdrawal(received, row.get("note").isBlank() ? "notice of withdrawal (Art. 20.2)" : row.get("note"),
                        announced), flag);
    }

    static FactBuilder fact(String iso3, String type, String key, String source) {
        return new FactBuilder(ReferenceDataLoad.item(iso3, key, type).with("sourceReference", source), type);
    }
}
