package de.nachruecker.support.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every coercion Jackson does by default is refused; values in their own shape are still read. */
class StrictJsonTest {

    enum Product { COMIRNATY, SPIKEVAX }

    record Window(Instant from, Instant to) {
    }

    record Body(int count, Integer boxed, long big, double ratio, BigDecimal amount, String text, boolean flag,
                Boolean boxedFlag, Product product, Instant at, LocalDate day, Duration duration,
                List<Integer> numbers, List<String> names, Window window, Map<String, Integer> byProduct) {
    }

    private static final String VALID = """
            {"count": 1, "boxed": 2, "big": 3, "ratio": 1.5, "amount": 2.25, "text": "t", "flag": true,
             "boxedFlag": false, "product": "SPIKEVAX", "at": "2021-03-30T10:00:00Z", "day": "2021-03-30",
             "duration": "PT30M", "numbers": [1, 2], "names": ["a"],
             "window": {"from": "2021-03-30T10:00:00Z", "to": "2021-03-30T12:00:00Z"}, "byProduct": {"SPIKEVAX": 18}}
            """;

    private final JsonMapper strict = StrictJson.configure(JsonMapper.builder()).build();
    private final JsonMapper lenient = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            count      | 1.5
            count      | 1.0
            count      | "3"
            count      | true
            count      | null
            count      | ""
            boxed      | 2.5
            boxed      | "2"
            big        | "3"
            ratio      | "1.5"
            ratio      | true
            amount     | "2.25"
            text       | 42
            text       | 4.2
            text       | true
            text       | ["t"]
            flag       | 1
            flag       | "true"
            flag       | null
            boxedFlag  | 0
            boxedFlag  | "false"
            product    | 0
            product    | ""
            at         | 1617098400
            at         | 1617098400.5
            day        | 18716
            day        | [2021, 3, 30]
            duration   | 1800
            numbers    | [1.5]
            numbers    | ["1"]
            numbers    | 1
            names      | [1]
            names      | "a"
            window     | ""
            byProduct  | {"SPIKEVAX": "18"}
            byProduct  | {"SPIKEVAX": 18.5}
            """)
    void aValueInAnotherShapeIsRefused(String field, String value) {
        String json = with(field, value);

        assertThatThrownBy(() -> strict.readValue(json, Body.class)).isInstanceOf(JacksonException.class);
    }

    /** Proves the cases above test something: Jackson's defaults take several of them. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            count      | 1.5
            count      | "3"
            text       | 42
            flag       | "true"
            at         | 1617098400
            duration   | 1800
            day        | [2021, 3, 30]
            """)
    void jacksonsDefaultsWouldHaveTakenThem(String field, String value) {
        assertThat(lenient.readValue(with(field, value), Body.class)).isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ratio      | 2
            amount     | 3
            boxed      | null
            text       | null
            text       | ""
            at         | "2021-03-30T12:00:00+02:00"
            numbers    | []
            window     | null
            """)
    void valuesInTheirOwnShapeAreRead(String field, String value) {
        assertThat(strict.readValue(with(field, value), Body.class)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void theValidBodyIsReadAsWritten() {
        Body body = strict.readValue(VALID, Body.class);

        assertThat(body.count()).isEqualTo(1);
        assertThat(body.at()).isEqualTo(Instant.parse("2021-03-30T10:00:00Z"));
        assertThat(body.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(body.window().to()).isEqualTo(Instant.parse("2021-03-30T12:00:00Z"));
        assertThat(body.byProduct()).containsEntry("SPIKEVAX", 18);
    }

    private static String with(String field, String value) {
        String replaced = VALID.replaceFirst("\"" + field + "\": (\\{[^}]*\\}|\\[[^\\]]*\\]|\"[^\"]*\"|[^,}\\s]+)",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\": " + value));
        assertThat(replaced).as("the field %s is in the body", field).isNotEqualTo(VALID);
        return replaced;
    }
}
