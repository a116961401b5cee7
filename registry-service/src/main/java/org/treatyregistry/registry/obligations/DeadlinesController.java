package org.treatyregistry.registry.obligations;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.registry.participation.RegistryProjection;

/**
 * Article 4 and Article 5 deadlines of the States bound on {@code asOf}, with the ones missed: an Article 4
 * deadline has no extension, so a missed one is non-compliance (SRAAP Action 14); an Article 5 deadline is
 * overdue when it passed without completion.
 */
@RestController
@RequestMapping("/api/registry/deadlines")
class DeadlinesController {

    enum Obligation { article4, article5 }

    private final RegistryProjection projection;

    DeadlinesController(RegistryProjection projection) {
        this.projection = projection;
    }

    /**
     * @param missed Article 4: completed late, or still holding stocks after the deadline by a statement on record;
     *               Article 5: overdue
     * @param figure Article 4: the number destroyed as a person may quote it, never more exact than stated
     * @param flags  Article 5: why the State must not be read as compliant though not overdue (no deadline in force)
     */
    record Deadline(String iso3, String name, Obligation obligation, LocalDate deadline, String state, boolean missed,
                    String completedOn, String datePrecision, String dateBasis, Long minesDestroyed,
                    String figurePrecision, String figure, String includingRetainedOn, String stillHeldReportedOn,
                    String stillHeld, Integer extensions, String decidingMeetings, String reopenedOn, String areasFound,
                    String affectedSince, String evidence, String decisions, String conflicts, String flags) {
    }

    @GetMapping(produces = "application/json")
    List<Deadline> deadlines(@RequestParam Obligation obligation, Reading reading) {
        return projection.all().stream()
                .map(state -> state.knownAt(reading.knownAt()))
                .filter(history -> history.isBoundOn(reading.asOf()))
                .flatMap(history -> deadline(history, obligation, reading.asOf()).stream())
                .sorted(Comparator.comparing(Deadline::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Deadline::iso3))
                .toList();
    }

    @GetMapping(produces = "text/csv")
    String deadlinesCsv(@RequestParam Obligation obligation, Reading reading) {
        return Csv.of(Deadline.class, deadlines(obligation, reading));
    }

    private static Optional<Deadline> deadline(StateHistory history, Obligation obligation, LocalDate asOf) {
        String name = Countries.nameOf(history.iso3()).orElse(history.iso3());
        if (obligation == Obligation.article4) {
            return Article4.on(history, asOf).map(s -> new Deadline(history.iso3(), name, obligation, s.deadline(),
                    s.state().name(), s.missed(), s.completedOn(), s.datePrecision(),
                    s.dateBasis() == null ? null : s.dateBasis().name(), s.minesDestroyed(),
                    s.figurePrecision() == null ? null : s.figurePrecision().name(), s.figure(),
                    s.includingRetainedOn(), s.stillHeldReportedOn(), s.stillHeld(), null, null, null, null, null,
                    null, null, s.sourceConflict(), null));
        }
        return Article5.on(history, asOf).map(s -> new Deadline(history.iso3(), name, obligation, s.deadline(),
                s.state().name(), s.overdue(), s.completedOn(), null, null, null, null, null, null, null, null,
                s.extensions(), String.join(" ", s.decidingMeetings()), s.reopenedOn(),
                s.areasFound().isEmpty() ? null : s.areasFound().stream()
                        .map(a -> a.foundOn() + " " + a.effect() + " -> " + (a.deadlineThen() == null ? "no deadline"
                                : a.deadlineThen())).collect(Collectors.joining("; ")),
                s.affectedSince(), s.evidence(),
                s.decisions().stream().map(DeadlinesController::describe).collect(Collectors.joining("; ")),
                s.conflicts().isEmpty() ? null : String.join("; ", s.conflicts()),
                s.flags().isEmpty() ? null : String.join("; ", s.flags())));
    }

    /** "9MSP 2008 (YEAR) -> 2019-03-01", with the doubts a reader must see. */
    static String describe(Article5.Decision d) {
        return (d.meeting() == null ? "meeting unknown" : d.meeting()) + " "
                + (d.decidedOn() == null ? "undated" : d.decidedOn()) + " (" + d.precision() + ", in force from "
                + d.inForceFrom() + ") -> " + (d.granted() ? d.newDeadline() : "refused")
                + (d.requestOnRecord() ? "" : " [request not on record]")
                + (d.sourceConflict() == null ? "" : " [sources disagree]");
    }
}
