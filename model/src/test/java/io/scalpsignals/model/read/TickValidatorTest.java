package io.scalpsignals.model.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.Tick;

import org.junit.jupiter.api.Test;

/** SPEC.md §1 validation, at and beside each boundary. */
class TickValidatorTest {

    private static final double NAN = Double.NaN;

    private static DeadLetterReason reason(Tick t) {
        TickValidator.Violation v = TickValidator.check(t);
        return v == null ? null : v.reason();
    }

    @Test
    void symbolsOfOneToThirtyTwoAllowedCharacters() {
        assertThat(TickValidator.isValidSymbol("BTC-USD_PERP.x:y/z")).isTrue();
        assertThat(TickValidator.isValidSymbol("A".repeat(32))).isTrue();
        assertThat(TickValidator.isValidSymbol("A".repeat(33))).isFalse();
        assertThat(TickValidator.isValidSymbol("")).isFalse();
        assertThat(TickValidator.isValidSymbol("BTC USD")).isFalse();
        assertThat(TickValidator.isValidSymbol("BTCÜSD")).isFalse();
    }

    @Test
    void timestampsFrom2000To2100() {
        long y2000 = 946_684_800_000L; // 2000-01-01T00:00:00Z
        long y2100 = 4_102_444_800_000L; // 2100-01-01T00:00:00Z
        assertThat(reason(Tick.trade("A", y2000, 1, 1))).isNull();
        assertThat(reason(Tick.trade("A", y2000 - 1, 1, 1))).isEqualTo(DeadLetterReason.BAD_TS);
        assertThat(reason(Tick.trade("A", y2100, 1, 1))).isNull();
        assertThat(reason(Tick.trade("A", y2100 + 1, 1, 1))).isEqualTo(DeadLetterReason.BAD_TS);
    }

    @Test
    void priceAndSizeFiniteAndPositive() {
        long ts = 1_700_000_000_000L;
        assertThat(reason(Tick.trade("A", ts, Double.MIN_VALUE, 1))).isNull();
        assertThat(reason(Tick.trade("A", ts, 0, 1))).isEqualTo(DeadLetterReason.BAD_PRICE);
        assertThat(reason(Tick.trade("A", ts, Double.POSITIVE_INFINITY, 1))).isEqualTo(DeadLetterReason.BAD_PRICE);
        assertThat(reason(Tick.trade("A", ts, 1, -0.5))).isEqualTo(DeadLetterReason.BAD_SIZE);
        assertThat(reason(Tick.trade("A", ts, 1, NAN))).isEqualTo(DeadLetterReason.BAD_SIZE);
    }

    @Test
    void bidNotAboveAskWhenBothArePresent() {
        long ts = 1_700_000_000_000L;
        assertThat(reason(new Tick("A", ts, 1, 1, null, 2, 2, NAN, NAN))).isNull();
        assertThat(reason(new Tick("A", ts, 1, 1, null, 2.0001, 2, NAN, NAN))).isEqualTo(DeadLetterReason.BAD_QUOTE);
        assertThat(reason(new Tick("A", ts, 1, 1, null, 5, NAN, NAN, NAN))).isNull();
        assertThat(reason(new Tick("A", ts, 1, 1, null, NAN, 2, 0, -1))).isEqualTo(DeadLetterReason.BAD_QUOTE);
    }
}
