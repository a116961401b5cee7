package org.treatyregistry.registry.participation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.lang.reflect.RecordComponent;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The two times every read answers for. {@code asOf} is legal time: the date whose status, deadlines and
 * obligations are asked (default today). {@code knownAt} is recording time: only facts recorded by then count,
 * corrections included (default now). A correction recorded on 1 July therefore changes the answers with
 * {@code knownAt} after 1 July and leaves those before it as they were.
 */
public record Reading(LocalDate asOf, Instant knownAt) {

    private static final CsvMapper CSV = (CsvMapper) new CsvMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static Reading of(LocalDate asOf, Instant knownAt, Clock clock) {
        return new Reading(asOf == null ? LocalDate.now(clock) : asOf, knownAt == null ? clock.instant() : knownAt);
    }

    /** Rows as CSV with a header, for the lists' {@code Accept: text/csv}. */
    public static <T extends Record> String csv(Class<T> row, List<T> rows) {
        CsvSchema.Builder columns = CsvSchema.builder();
        for (RecordComponent component : row.getRecordComponents()) {
            columns.addColumn(component.getName());
        }
        ObjectWriter writer = CSV.writer(columns.build().withHeader());
        try {
            return writer.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
