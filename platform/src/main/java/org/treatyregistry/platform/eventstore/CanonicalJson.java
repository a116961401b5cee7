package org.treatyregistry.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * JSON in the JSON Canonicalization Scheme of RFC 8785: no whitespace, object members sorted by their names' UTF-16
 * code units, strings with only the escapes JSON requires, and every number written as ECMAScript writes an IEEE
 * double (the shortest digits that read back as the same double). The same value always gives the same bytes.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case NULL, MISSING -> out.append("null");
            case BOOLEAN -> out.append(value.booleanValue());
            case NUMBER -> out.append(number(value.doubleValue()));
            case STRING -> string(value.textValue(), out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                value.fieldNames().forEachRemaining(names::add);
                // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 asks.
                Collections.sort(names);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(value.get(names.get(i)), out);
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("not JSON: " + value.getNodeType());
        }
    }

    /** RFC 8785 section 3.2.2.2: the escapes JSON needs; other control characters as six-character hex escapes. */
    static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The fewest significant digits that read back as {@code d}; of two such decimals, the one nearer {@code d}, and
     * of two as near, the one whose last digit is even (ECMAScript's Number::toString). Both neighbours at each
     * length are tried: next to a power of two the gaps below and above a double differ, and the nearer neighbour
     * may not read back while the farther does.
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() != d) {
                    continue;
                }
                int nearer = best == null ? -1 : candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
                if (nearer < 0 || nearer == 0 && !candidate.unscaledValue().testBit(0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact;
    }

    /**
     * A double as ECMAScript's Number.prototype.toString writes it (RFC 8785 section 3.2.2.3): the shortest
     * decimal that reads back as the same double, in plain notation from 1e-6 up to 1e21, exponential outside.
     */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("RFC 8785 has no " + d);
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal shortest = shortest(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }
}
