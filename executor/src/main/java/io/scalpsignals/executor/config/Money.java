package io.scalpsignals.executor.config;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quote-currency amounts of the ledger: {@link BigDecimal} at scale {@value #SCALE}, rounded half
 * even once, where a double price times a quantity becomes money.
 */
public final class Money {

    public static final int SCALE = 8;

    private Money() {}

    public static BigDecimal of(double amount) {
        return BigDecimal.valueOf(amount).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
