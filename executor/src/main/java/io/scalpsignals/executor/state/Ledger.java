package io.scalpsignals.executor.state;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The executor's single-row ledger: wallet, drawdown peak, loss streak, daily counts, clock and
 * the replay's input positions. Mutable; saved in the same transaction as the event that changed
 * it.
 */
public final class Ledger {

    private static final long DAY_MS = 86_400_000L;

    /**
     * A time or day not set yet (no clock before the first event, no cooldown, no day counted): the
     * smallest long, so "now is before it" is never true. Kept as a value, not an {@code Optional},
     * because the ledger's stored JSON has it so.
     */
    public static final long NONE = Long.MIN_VALUE;

    /** Wallet: starting balance plus realized PnL less fees, quote units. */
    public BigDecimal balance;

    /** Highest equity seen, quote units. */
    public BigDecimal peakEquity;

    /** Losing trades in a row since the last win or loss cooldown. */
    public int lossStreak;

    /** No opens before this executor time (CONSECUTIVE_LOSSES), epoch ms. */
    public long lossCooldownUntil = NONE;

    /** UTC day (epoch days) of {@link #dayTrades}. */
    public long day = NONE;

    public int dayTrades;

    /** Options: the exchange day (epoch days in the options time zone) of {@link #dayScalps}. */
    public long scalpDay = NONE;

    /** Options: scalps opened on {@link #scalpDay} (MAX_DAILY_SCALPS). */
    public int dayScalps;

    /** Options: no scalp opens before this executor time (LOSS_COOLDOWN), epoch ms. */
    public long scalpCooldownUntil = NONE;

    /** Executor clock: the largest {@code ts} seen (replay) or the last wall time (live), epoch ms; {@link #NONE} before the first event. */
    public long clock = NONE;

    /** Replay: lines of the ticks, signals and option-chain files already applied. */
    public long ticksRead;

    public long signalsRead;

    public long chainRead;

    /** Paused by {@code executor pause}: no opens until {@code executor resume}; exits still run. */
    public boolean paused;

    /** Live: the last applied offset per Kafka {@code topic-partition}. */
    public Map<String, Long> offsets = new HashMap<>();

    /** For the JSON form in the state database. */
    private Ledger() {}

    public Ledger(BigDecimal startingBalance) {
        this.balance = Money.scaled(startingBalance);
        this.peakEquity = balance;
    }

    /** Whether the clock was set: an event was applied. */
    public boolean started() {
        return clock != NONE;
    }

    /** Whether executor time {@code now} (ms) is within the CONSECUTIVE_LOSSES cooldown. */
    public boolean inLossCooldown(long now) {
        return now < lossCooldownUntil;
    }

    /** Options: whether executor time {@code now} (ms) is within the LOSS_COOLDOWN after a losing scalp. */
    public boolean inScalpCooldown(long now) {
        return now < scalpCooldownUntil;
    }

    /** An open filled at executor time {@code now}: counted for MAX_DAILY_TRADES in its UTC day. */
    public void countOpen(long now) {
        long today = Math.floorDiv(now, DAY_MS);
        dayTrades = day == today ? dayTrades + 1 : 1;
        day = today;
    }

    /** An options scalp opened on exchange day {@code exchangeDay} (epoch days): counted for MAX_DAILY_SCALPS. */
    public void countScalp(long exchangeDay) {
        dayScalps = scalpDay == exchangeDay ? dayScalps + 1 : 1;
        scalpDay = exchangeDay;
    }

    /**
     * A closed trade's effect on the loss streak (SPEC.md §7, CONSECUTIVE_LOSSES): a loss (PnL after
     * both fees below 0) extends it, and the {@code max_consecutive_losses}-th starts the cooldown
     * and restarts the count from 0; a win or a flat trade resets it.
     */
    public void countTrade(BigDecimal pnl, long now, ExecutorConfig config) {
        if (pnl.signum() >= 0) {
            lossStreak = 0;
            return;
        }
        lossStreak++;
        if (lossStreak >= config.maxConsecutiveLosses()) {
            lossCooldownUntil = now + config.cooldownAfterLossSec() * 1000L;
            lossStreak = 0;
        }
    }

    /** A copy of every field (the offsets map copied too). */
    public Ledger copy() {
        Ledger c = new Ledger();
        c.balance = balance;
        c.peakEquity = peakEquity;
        c.lossStreak = lossStreak;
        c.lossCooldownUntil = lossCooldownUntil;
        c.day = day;
        c.dayTrades = dayTrades;
        c.scalpDay = scalpDay;
        c.dayScalps = dayScalps;
        c.scalpCooldownUntil = scalpCooldownUntil;
        c.clock = clock;
        c.ticksRead = ticksRead;
        c.signalsRead = signalsRead;
        c.chainRead = chainRead;
        c.paused = paused;
        c.offsets = new HashMap<>(offsets);
        return c;
    }
}
