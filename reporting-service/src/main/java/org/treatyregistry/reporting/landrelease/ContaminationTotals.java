package org.treatyregistry.reporting.landrelease;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Sums of land-release rows: per status (suspected, confirmed) and kind of contamination, the land identified,
 * released and remaining and the areas identified; per year and method (cancelled, reduced, cleared), the land
 * released and the mines destroyed. Kept with each year document once computed, so that full years are read
 * as a few numbers rather than thousands of rows.
 */
final class ContaminationTotals {

    static final String IDENTIFIED = "IDENTIFIED";

    /** "status|contamination" -> {identified m2, released m2, areas identified} */
    private final Map<String, long[]> buckets = new TreeMap<>();
    /** "year|method" -> {m2, mines destroyed} */
    private final Map<String, long[]> released = new TreeMap<>();
    private long events;

    /** A row as stored: "epochDay|recordedAtMillis|status|contamination|kind|m2|mines", compact and cheap to copy. */
    static String row(LocalDate date, java.time.Instant recordedAt, String status, String contamination, String kind,
                      long m2, long mines) {
        return date.toEpochDay() + "|" + recordedAt.toEpochMilli() + "|" + status + "|" + contamination + "|" + kind
                + "|" + m2 + "|" + mines;
    }

    /** A stored row, read back. */
    record Row(LocalDate date, java.time.Instant recordedAt, String status, String contamination, String kind, long m2,
               long mines) {

        static Row parse(String row) {
            String[] f = row.split("\\|");
            return new Row(LocalDate.ofEpochDay(Long.parseLong(f[0])),
                    java.time.Instant.ofEpochMilli(Long.parseLong(f[1])),
                    f[2], f[3], f[4], Long.parseLong(f[5]), Long.parseLong(f[6]));
        }
    }

    void add(Row row) {
        long[] bucket = buckets.computeIfAbsent(row.status() + "|" + row.contamination(), k -> new long[3]);
        if (IDENTIFIED.equals(row.kind())) {
            bucket[0] += row.m2();
            bucket[2]++;
        } else {
            bucket[1] += row.m2();
            long[] method = released.computeIfAbsent(row.date().getYear() + "|" + row.kind(), k -> new long[2]);
            method[0] += row.m2();
            method[1] += row.mines();
        }
        events++;
    }

    void addAll(ContaminationTotals other) {
        other.buckets.forEach((k, v) -> add(buckets, k, v));
        other.released.forEach((k, v) -> add(released, k, v));
        events += other.events;
    }

    private static void add(Map<String, long[]> into, String key, long[] values) {
        long[] sum = into.computeIfAbsent(key, k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }

    /** The rows of the months that count on {@code asOf} as known at {@code knownAt} (nulls: all). */
    static ContaminationTotals ofRows(List<ContaminationStore.Month> months, LocalDate asOf,
                                      java.time.Instant knownAt) {
        ContaminationTotals totals = new ContaminationTotals();
        for (ContaminationStore.Month month : months) {
            for (Row row : month.rows().values()) {
                if ((asOf == null || !row.date().isAfter(asOf))
                        && (knownAt == null || !row.recordedAt().isAfter(knownAt))) {
                    totals.add(row);
                }
            }
        }
        return totals;
    }

    Document toDocument() {
        Document b = new Document();
        buckets.forEach((k, v) -> b.append(k, List.of(v[0], v[1], v[2])));
        Document r = new Document();
        released.forEach((k, v) -> r.append(k, List.of(v[0], v[1])));
        return new Document("buckets", b).append("released", r).append("events", events);
    }

    static ContaminationTotals of(Document stored) {
        ContaminationTotals totals = new ContaminationTotals();
        stored.get("buckets", Document.class).forEach((k, v) -> totals.buckets.put(k, longs(v)));
        stored.get("released", Document.class).forEach((k, v) -> totals.released.put(k, longs(v)));
        totals.events = ((Number) stored.get("events")).longValue();
        return totals;
    }

    private static long[] longs(Object list) {
        return ((List<?>) list).stream().mapToLong(n -> ((Number) n).longValue()).toArray();
    }

    /** The view: remaining land per status and contamination, released land per year and method. */
    StateContamination view(String iso3, String name, LocalDate asOf, java.time.Instant knownAt) {
        List<StateContamination.Remaining> remaining = new ArrayList<>();
        buckets.forEach((k, v) -> {
            String[] key = k.split("\\|");
            remaining.add(new StateContamination.Remaining(key[0], key[1], v[0], v[1], v[0] - v[1], v[2]));
        });
        List<StateContamination.Released> byYear = new ArrayList<>();
        released.forEach((k, v) -> {
            String[] key = k.split("\\|");
            byYear.add(new StateContamination.Released(Integer.parseInt(key[0]), key[1], v[0], v[1]));
        });
        long identified = remaining.stream().mapToLong(StateContamination.Remaining::identifiedM2).sum();
        long releasedM2 = remaining.stream().mapToLong(StateContamination.Remaining::releasedM2).sum();
        return new StateContamination(iso3, name, asOf, knownAt, identified - releasedM2, identified, releasedM2,
                remaining, byYear, events);
    }
}
