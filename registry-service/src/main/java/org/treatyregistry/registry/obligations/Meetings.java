package org.treatyregistry.registry.obligations;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Convention's deciding meetings (22 Meetings of the States Parties, 5 Review Conferences) and their dates,
 * shipped as reference data. Decisions known only by their meeting are in force from the meeting's last day.
 */
public final class Meetings {

    public record Meeting(String code, String name, String city, LocalDate startDate, LocalDate endDate,
                          String source) {
    }

    private static final List<Meeting> CALENDAR = load();

    private Meetings() {
    }

    public static List<Meeting> all() {
        return CALENDAR;
    }

    public static Optional<Meeting> find(String code) {
        return CALENDAR.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    private static List<Meeting> load() {
        try (InputStream in = Meetings.class.getResourceAsStream("/reference-data/meetings.csv")) {
            MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(in);
            return rows.readAll().stream().map(r -> new Meeting(r.get("code"), r.get("name"), r.get("city"),
                    LocalDate.parse(r.get("start_date")), LocalDate.parse(r.get("end_date")), r.get("source")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the meetings calendar", e);
        }
    }
}
