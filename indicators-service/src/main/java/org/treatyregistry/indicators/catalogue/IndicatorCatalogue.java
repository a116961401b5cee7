package org.treatyregistry.indicators.catalogue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The machine-readable catalogue of every indicator in the adopted Action Plan, shipped with the service
 * ({@code catalogue/sraap-2025-2029-indicators.csv}); a test checks it against the adopted text.
 */
@Component
public class IndicatorCatalogue {

    static final String RESOURCE = "/catalogue/sraap-2025-2029-indicators.csv";
    private static final String COUNTED_BY = "AS_OF_";

    private final List<Indicator> indicators = load();

    public List<Indicator> all() {
        return indicators;
    }

    public Optional<Indicator> find(String id) {
        return indicators.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private static List<Indicator> load() {
        try (InputStream in = IndicatorCatalogue.class.getResourceAsStream(RESOURCE)) {
            MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(in);
            return rows.readAll().stream().map(IndicatorCatalogue::indicator).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the indicator catalogue", e);
        }
    }

    private static Indicator indicator(Map<String, String> row) {
        String population = row.get("population");
        boolean countedByAnother = population.startsWith(COUNTED_BY);
        return new Indicator(row.get("id"), Integer.parseInt(row.get("action")), row.get("publishedAs"),
                Indicator.Kind.valueOf(row.get("kind")),
                countedByAnother ? Indicator.Population.COUNTED_BY_ANOTHER_INDICATOR
                        : Indicator.Population.valueOf(population),
                countedByAnother ? population.substring(COUNTED_BY.length()) : null,
                row.get("computedFrom"), blankToNull(row.get("duplicateOf")), blankToNull(row.get("note")),
                row.get("wording"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
