package org.treatyregistry.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The leaves' canonical JSON against RFC 8785's own example and ECMAScript's number formatting. */
class CanonicalJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theRfcsExampleIsWrittenAsTheRfcWritesIt() throws Exception {
        // RFC 8785 section 3.2.4
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertThat(CanonicalJson.of(json.readTree(input))).isEqualTo("""
                {"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],\
                "string":"\u20ac$\\u000f\\nA'B\\"\\\\\\\\\\"/"}""");
    }

    @Test
    void numbersAreWrittenAsEcmaScriptWritesThem() {
        assertThat(CanonicalJson.number(0.0)).isEqualTo("0");
        assertThat(CanonicalJson.number(-0.0)).isEqualTo("0");
        assertThat(CanonicalJson.number(1e21)).isEqualTo("1e+21");
        assertThat(CanonicalJson.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(CanonicalJson.number(1e-7)).isEqualTo("1e-7");
        assertThat(CanonicalJson.number(0.000001)).isEqualTo("0.000001");
        assertThat(CanonicalJson.number(5e-324)).isEqualTo("5e-324");
        assertThat(CanonicalJson.number(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(CanonicalJson.number(9007199254740992.0)).isEqualTo("9007199254740992");
        assertThat(CanonicalJson.number(295147905179352830000.0)).isEqualTo("295147905179352830000");
        assertThat(CanonicalJson.number(-1234.5)).isEqualTo("-1234.5");
        assertThat(CanonicalJson.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        // Next to a power of two the nearer 16-digit neighbour does not read back; ECMAScript writes 17 digits only
        // where no 16-digit decimal does.
        assertThat(Double.parseDouble(CanonicalJson.number(Math.pow(2, -1074) * 3))).isEqualTo(Math.pow(2, -1074) * 3);
        assertThat(CanonicalJson.number(9.5367431640625e-7)).isEqualTo("9.5367431640625e-7");
    }
}
