package org.treatyregistry.reporting.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportSubmitted;

/**
 * Plausible, deterministic, and clearly synthetic reporting data for tests and benchmarks: no public
 * machine-readable Article 7 data exists. The same seed gives the same facts; every fact's
 * {@code sourceReference} begins with {@link #SOURCE}, and nothing here is ever loaded into the record by
 * default. The States are real (affected States Parties, so that their reports are owed), the numbers are not.
 */
public final class SyntheticReporting {

    public static final String SOURCE = "SYNTHETIC";

    /** Affected States Parties, most affected first: the generator gives the first ones the most areas. */
    public static final List<String> AFFECTED = List.of("AFG", "UKR", "KHM", "IRQ", "BIH", "HRV", "TCD", "YEM",
            "COL", "AGO", "ZWE", "LKA", "THA", "SDN", "SSD", "ETH", "ERI", "SOM", "COD", "MMR", "TJK", "TUR",
            "SRB", "CYP", "SEN", "NER", "MLI", "BFA", "NGA", "CMR", "PER", "ECU", "ARG", "PSE", "OMN", "GNB");

    private static final LocalDate FIRST = LocalDate.of(2016, 1, 1);
    private static final int SURVEY_DAYS = 8 * 365;
    private static final LocalDate LAST = LocalDate.of(2025, 12, 31);

    private SyntheticReporting() {
    }

    /**
     * {@code areas} hazardous areas spread over the first {@code states} affected States (the first ones most),
     * each then released in one to five steps (three on average) by cancellation, reduction or clearance.
     */
    public static List<StateEvent> landRelease(long seed, int states, int areas) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] weights = new double[Math.min(states, AFFECTED.size())];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] = 1.0 / (i + 1);
        }
        List<StateEvent> events = new ArrayList<>(areas * 4);
        String source = SOURCE + " seed=" + seed;
        for (int a = 0; a < areas; a++) {
            String iso3 = AFFECTED.get(pick(random.nextDouble() * sum, weights));
            String areaId = "SYN-" + seed + "-" + a;
            LocalDate identified = FIRST.plusDays(random.nextInt(SURVEY_DAYS));
            long size = 1_000L + (long) (Math.exp(random.nextDouble() * 6) * 1_000);
            HazardousAreaRecorded.AreaStatus status = random.nextInt(3) == 0
                    ? HazardousAreaRecorded.AreaStatus.CONFIRMED : HazardousAreaRecorded.AreaStatus.SUSPECTED;
            HazardousAreaRecorded.Contamination contamination =
                    HazardousAreaRecorded.Contamination.values()[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2)];
            events.add(new HazardousAreaRecorded(iso3, areaId, identified, status, size, contamination, false, source));
            int steps = 1 + random.nextInt(5);
            long left = size;
            LocalDate on = identified;
            for (int s = 0; s < steps && left > 0; s++) {
                on = on.plusDays(1 + random.nextInt(90));
                if (on.isAfter(LAST)) {
                    break;
                }
                long m2 = s == steps - 1 ? left : Math.max(1, left * (1 + random.nextInt(60)) / 100);
                LandReleased.Method method = LandReleased.Method.values()[Math.min(2, s + random.nextInt(2))];
                long mines = method == LandReleased.Method.CLEARED ? random.nextInt(40) : 0;
                events.add(new LandReleased(iso3, areaId, on, method, m2, mines, source));
                left -= m2;
            }
        }
        return events;
    }

    /**
     * Annual reports of the first {@code states} affected States for {@code fromYear}..{@code toYear}: most on
     * time, some late (received in May to July), about one in eight never sent.
     */
    public static List<ReportSubmitted> annualReports(long seed, int states, int fromYear, int toYear) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ReportSubmitted> reports = new ArrayList<>();
        for (String iso3 : AFFECTED.subList(0, Math.min(states, AFFECTED.size()))) {
            for (int year = fromYear; year <= toYear; year++) {
                int draw = random.nextInt(8);
                if (draw == 0) {
                    continue;
                }
                LocalDate received = draw == 1 ? LocalDate.of(year + 1, 5 + random.nextInt(3), 1 + random.nextInt(28))
                        : LocalDate.of(year + 1, 1 + random.nextInt(4), 1 + random.nextInt(28));
                ReportContent content = new ReportContent(ReportContent.NationalMeasures.LEGISLATION_ADOPTED, null,
                        List.of(), List.of(new ReportContent.MinedAreaLine("synthetic", "CONFIRMED",
                        10_000L * (1 + random.nextInt(100)))), List.of(), null, List.of(),
                        List.of(new ReportContent.DestroyedLine("AP", random.nextInt(500), 5)), null, null);
                reports.add(new ReportSubmitted(iso3, String.valueOf(year), received, false, content,
                        Map.of("17.1", random.nextBoolean() ? "yes" : "no"), SOURCE + " seed=" + seed));
            }
        }
        return reports;
    }

    private static int pick(double point, double[] weights) {
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (point < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
