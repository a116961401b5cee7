package org.treatyregistry.indicators.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against the adopted text (seed 000: the ISU's 2025 publication of the Action Plan): every
 * indicator it publishes is in the catalogue under its normalised identifier with the same wording, and the
 * catalogue holds nothing else.
 */
class CatalogueMatchesAdoptedTextTest {

    private static final Pattern ACTION = Pattern.compile("^Action (\\d+)$");
    /** "- 1.1 Percentage...", "2. Percentage...", "- 131** Percentage..." (13.1), "- II.1 Number..." (11.1) */
    private static final Pattern INDICATOR =
            Pattern.compile("^(?:- )?(\\d+\\.\\d+|\\d{3}|II\\.\\d+|\\d{1,2})(?:\\*\\*)?\\.?\\s+([A-Z].*)$");

    private final IndicatorCatalogue catalogue = new IndicatorCatalogue();

    /** Published indicators by normalised id, read from the adopted text. */
    private static Map<String, String> published() throws IOException {
        String text;
        try (InputStream in = CatalogueMatchesAdoptedTextTest.class
                .getResourceAsStream("/seeds/isu-2025-convention-and-sraap.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> indicators = new LinkedHashMap<>();
        int action = 0;
        boolean inIndicators = false;
        for (String line : text.split("\n")) {
            String s = line.strip();
            Matcher header = ACTION.matcher(s);
            if (header.matches()) {
                action = Integer.parseInt(header.group(1));
                inIndicators = false;
            } else if (s.equals("Indicators") || s.equals("Indicator")) {
                inIndicators = true;
            } else if (inIndicators) {
                Matcher indicator = INDICATOR.matcher(s);
                if (!indicator.matches()) {
                    continue;
                }
                String raw = indicator.group(1);
                String id = raw.matches("\\d{3}") ? raw.substring(0, 2) + "." + raw.charAt(2)
                        : raw.startsWith("II.") ? "11." + raw.substring(3) : raw;
                // a bare number is the single indicator of its Action; other numbered paragraphs are not
                if (raw.matches("\\d{1,2}") && Integer.parseInt(raw) != action) {
                    continue;
                }
                indicators.put(id, indicator.group(2).strip().replaceAll("[;.]$", "").strip());
            }
        }
        return indicators;
    }

    @Test
    void everyPublishedIndicatorIsInTheCatalogueWithItsWording() throws IOException {
        Map<String, String> published = published();
        Map<String, String> catalogued = catalogue.all().stream()
                .collect(Collectors.toMap(Indicator::id, Indicator::wording, (a, b) -> a, LinkedHashMap::new));
        assertThat(published).hasSizeGreaterThan(100);
        assertThat(catalogued).containsExactlyEntriesOf(published);
    }

    @Test
    void everyActionHasIndicatorsAndTheExtractionQuirksAreNormalised() {
        Map<String, Indicator> byId = catalogue.all().stream()
                .collect(Collectors.toMap(Indicator::id, Function.identity()));
        assertThat(catalogue.all().stream().map(Indicator::action).distinct().sorted())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 48).boxed().toList());
        assertThat(byId.get("13.1").publishedAs()).isEqualTo("131");
        assertThat(byId.get("11.1").publishedAs()).isEqualTo("II.1");
        assertThat(byId).containsKeys("42.2", "42.3").doesNotContainKey("42.1");
        assertThat(byId.get("46.1").duplicateOf()).isEqualTo("42.2");
        assertThat(byId.get("46.2").duplicateOf()).isEqualTo("42.3");
        assertThat(byId.get("25.1").duplicateOf()).isEqualTo("21.1");
        assertThat(byId.get("15.2").population()).isEqualTo(Indicator.Population.COUNTED_BY_ANOTHER_INDICATOR);
        assertThat(byId.get("15.2").populationOf()).isEqualTo("15.1");
        assertThat(byId.get("8.1").kind()).isEqualTo(Indicator.Kind.PERCENTAGE);
        assertThat(byId.get("23.1").population()).isEqualTo(Indicator.Population.EXTENSION_REQUESTS);
        assertThat(byId.get("1.1").population()).isEqualTo(Indicator.Population.AFFECTED_STATES_PARTIES);
    }
}
