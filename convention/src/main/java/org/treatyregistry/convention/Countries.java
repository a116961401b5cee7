package org.treatyregistry.convention;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** ISO 3166-1 alpha-3 codes and English short names, as the JDK carries them. */
public final class Countries {

    private static final Map<String, String> NAMES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2)
            .stream()
            .map(alpha2 -> new Locale("", alpha2))
            .collect(Collectors.toUnmodifiableMap(Locale::getISO3Country,
                    locale -> locale.getDisplayCountry(Locale.ENGLISH), (a, b) -> a));

    private Countries() {
    }

    public static Optional<String> nameOf(String iso3) {
        return Optional.ofNullable(iso3).map(NAMES::get);
    }

    public static boolean isKnown(String iso3) {
        return nameOf(iso3).isPresent();
    }

}
