package org.treatyregistry.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.RecordComponent;
import java.util.List;

/** The CSV form of the lists ({@code Accept: text/csv}): a header, then one row per record, columns in order. */
public final class Csv {

    private static final CsvMapper CSV = (CsvMapper) new CsvMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Csv() {
    }

    public static <T extends Record> String of(Class<T> row, List<T> rows) {
        CsvSchema.Builder columns = CsvSchema.builder();
        for (RecordComponent component : row.getRecordComponents()) {
            columns.addColumn(component.getName());
        }
        try {
            return CSV.writer(columns.build().withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + row.getSimpleName() + " rows as CSV", e);
        }
    }
}
