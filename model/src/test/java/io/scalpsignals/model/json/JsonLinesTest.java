package io.scalpsignals.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** The JSON forms of SPEC.md §1–§2: snake_case names, nulls for undefined values. */
class JsonLinesTest {

    @Test
    void undefinedFeaturesAreNull() {
        double n = Double.NaN;
        TickFeatures f = new TickFeatures(
                "BTCUSDT",
                1700000000123L,
                50000.5,
                0.01,
                0.001,
                n,
                n,
                n,
                n,
                n,
                n,
                50000.5,
                0.0,
                50000.5,
                50000.5,
                50000.5,
                50000.5,
                n,
                n);

        assertThat(JsonLines.toJson(f, JsonLines.FEATURES))
                .isEqualTo("{\"symbol\":\"BTCUSDT\",\"ts\":1700000000123,\"price\":50000.5,\"size\":0.01,"
                        + "\"vel_5s\":0.001,\"vel_15s\":null,\"vel_30s\":null,\"vel_60s\":null,\"speed_30s\":null,"
                        + "\"ret_5m\":null,\"volume_ratio\":null,\"vwap\":50000.5,\"vwap_sigma\":0.0,"
                        + "\"vwap_upper_1\":50000.5,\"vwap_lower_1\":50000.5,\"vwap_upper_2\":50000.5,\"vwap_lower_2\":50000.5,"
                        + "\"spread_pct\":null,\"imbalance\":null}");
    }

    @Test
    void tickLeavesOutAbsentOptionalFields() {
        Tick t = new Tick("BTCUSDT", 1700000000123L, 50000.5, 0.01, "buy", 50000.4, Double.NaN, Double.NaN, Double.NaN);

        assertThat(JsonLines.toJson(new LateTick(t, 1700000000200L), JsonLines.LATE_TICK))
                .isEqualTo("{\"symbol\":\"BTCUSDT\",\"ts\":1700000000123,\"price\":50000.5,\"size\":0.01,"
                        + "\"side\":\"buy\",\"bid\":50000.4,\"last_accepted_ts\":1700000000200}");
    }

    @Test
    void deadLetterKeepsTheRawTextEscaped() {
        DeadLetter d = new DeadLetter(DeadLetterReason.UNPARSABLE, "not a JSON object", "{\"a\":\n", "ticks/0/42");

        assertThat(JsonLines.toJson(d, JsonLines.DEAD_LETTER))
                .isEqualTo(
                        "{\"reason\":\"UNPARSABLE\",\"detail\":\"not a JSON object\",\"raw\":\"{\\\"a\\\":\\n\",\"source\":\"ticks/0/42\"}");
    }

    @Test
    void bytesAreTheUtf8OfTheText() {
        DeadLetter d = new DeadLetter(
                DeadLetterReason.BAD_KEY, "key 'BTC€' is not the symbol", "{\"symbol\":\"ÉTH\"}", "ticks/0/7");

        assertThat(new String(JsonLines.toJsonBytes(d, JsonLines.DEAD_LETTER), StandardCharsets.UTF_8))
                .isEqualTo("{\"reason\":\"BAD_KEY\",\"detail\":\"key 'BTC€' is not the symbol\","
                        + "\"raw\":\"{\\\"symbol\\\":\\\"ÉTH\\\"}\",\"source\":\"ticks/0/7\"}");
    }
}
