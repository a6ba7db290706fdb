package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.options.ContractSelector;
import io.scalpsignals.executor.options.OptionChain;
import io.scalpsignals.executor.options.OptionQuote;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options scalps on the signal's underlying (README "Options scalping"): no NO_PRICE (the
 * underlying is not traded) and no per-symbol COOLDOWN (a scalp's cooldown is LOSS_COOLDOWN), and
 * three checks of its own: MAX_DAILY_SCALPS (per exchange day in the options' time zone),
 * LOSS_COOLDOWN and MAX_CONCURRENT_SCALPS. A call and a put on one underlying are opposite views,
 * so ONE_WAY and ALREADY_OPEN apply per underlying. An open buys the contract the {@link
 * ContractSelector} picks from the chain, {@code floor(scalp_position_size_pct * available / (ask *
 * multiplier))} contracts, at least one, and takes the options' exits, not the signal's.
 */
final class OptionsMode implements TradingMode {

    private final OptionsConfig options;
    private final ExecutorConfig config;
    private final OptionChain chain;
    private final ContractSelector selector;
    private final List<EntryCheck> checks;

    /**
     * @param chain the chain as quoted so far, which the engine keeps current
     * @param calendar the exchange's trading days (the 1DTE expiry's next trading day), or null
     */
    OptionsMode(OptionsConfig options, ExecutorConfig config, OptionChain chain, @Nullable ExchangeCalendar calendar) {
        this.options = options;
        this.config = config;
        this.chain = chain;
        this.selector = new ContractSelector(options, calendar);
        this.checks = List.of(
                EntryCheck.PAUSED,
                EntryCheck.STALE_SIGNAL,
                EntryCheck.MARKET_CLOSED,
                EntryCheck.LOW_CONFIDENCE,
                EntryCheck.MAX_DAILY_TRADES,
                this::maxDailyScalps,
                EntryCheck.DRAWDOWN_GUARD,
                EntryCheck.CONSECUTIVE_LOSSES,
                this::lossCooldown,
                this::maxConcurrentScalps,
                EntryCheck.ONE_WAY,
                EntryCheck.MAX_POSITIONS);
    }

    @Override
    public List<EntryCheck> checks() {
        return checks;
    }

    @Override
    public boolean riskParametersRequired() {
        return false;
    }

    @Override
    public Entry enter(SignalMessage s, BigDecimal available, long now, Map<String, Double> lastPrices) {
        ContractSelector.Selection selection = selector.select(chain, s.symbol(), s.direction() > 0, now);
        if (selection.contract().isEmpty()) {
            return new Refused(RejectReason.NO_CONTRACT, selection.reason().orElseThrow());
        }
        OptionQuote q = selection.contract().get();
        BigDecimal budget = Money.scaled(available.multiply(BigDecimal.valueOf(options.positionSizePct())));
        BigDecimal perContract = BigDecimal.valueOf(q.ask()).multiply(BigDecimal.valueOf(options.contractMultiplier()));
        long contracts = budget.divide(perContract, 0, RoundingMode.FLOOR).longValueExact();
        if (available.compareTo(config.minAvailable()) < 0) {
            return new Refused(
                    RejectReason.INSUFFICIENT_MARGIN,
                    "available " + available.toPlainString() + " is under "
                            + config.minAvailable().toPlainString());
        }
        if (contracts < 1) {
            return new Refused(
                    RejectReason.INSUFFICIENT_MARGIN,
                    String.format(
                            Locale.ROOT,
                            "%s of the available %s is %s: no whole contract of %s at %s x %d",
                            percent(options.positionSizePct()),
                            available.toPlainString(),
                            budget.toPlainString(),
                            q.optionSymbol(),
                            BigDecimal.valueOf(q.ask()).toPlainString(),
                            options.contractMultiplier()));
        }
        SignalMessage scalp = new SignalMessage(
                s.intentId(),
                s.symbol(),
                s.action(),
                s.ts(),
                s.price(),
                s.confidence(),
                1.0,
                options.positionSizePct(),
                options.takeProfitPct(),
                options.stopLossPct(),
                options.timeInTradeLimitSec(),
                0,
                0,
                0,
                s.trigger());
        Order order = Order.market(
                s.intentId(), q.optionSymbol(), InstrumentKind.OPTION_CONTRACT, 1, contracts, q.ask(), now, false);
        return new Sized(
                scalp,
                order,
                Money.scaled(perContract.multiply(BigDecimal.valueOf(contracts))),
                q,
                options.contractMultiplier());
    }

    /** A filled scalp counts for MAX_DAILY_SCALPS on its exchange day. */
    @Override
    public void opened(PendingIntent filled, Ledger l) {
        if (filled.contract() != null) {
            l.countScalp(exchangeDate(l.clock, options.zone()).toEpochDay());
        }
    }

    /** A losing scalp starts LOSS_COOLDOWN ({@code scalp_cooldown_after_loss_sec}); a linear position its own cooldown. */
    @Override
    public void closed(Position p, BigDecimal pnl, long now, Ledger l, StateStore store) {
        if (!p.isOption()) {
            TradingMode.super.closed(p, pnl, now, l, store);
        } else if (pnl.signum() < 0) {
            l.scalpCooldownUntil = now + options.cooldownAfterLossSec() * 1000L;
        }
    }

    /**
     * Adds an option quote to the chain, first dropping the contracts of past exchange days as of
     * executor time {@code clock} (ms) but those {@code positions} hold.
     */
    void quote(OptionQuote q, long clock, List<Position> positions) {
        LocalDate day = exchangeDate(clock, options.zone());
        if (!day.equals(chain.today())) {
            chain.expire(
                    day,
                    positions.stream()
                            .filter(Position::isOption)
                            .map(Position::contract)
                            .toList());
        }
        chain.add(q);
    }

    /** Adds a quote read again by a resumed replay: nothing expires (it did when the quote was first read). */
    void restore(OptionQuote q) {
        chain.add(q);
    }

    /** A scalp at its contract's latest mid (null before its first quote); anything else at its symbol's last trade. */
    @Override
    @Nullable
    public Double markPrice(Position p, Map<String, Double> lastPrices) {
        return p.isOption()
                ? chain.latest(p.symbol(), p.contract()).map(OptionQuote::mid).orElse(null)
                : lastPrices.get(p.symbol());
    }

    /** A scalp sells its contracts at the contract's latest bid. */
    @Override
    public Order closeOrder(Position p, String closeId, double price, long now) {
        if (!p.isOption()) {
            return TradingMode.super.closeOrder(p, closeId, price, now);
        }
        return Order.market(
                closeId,
                p.contract(),
                InstrumentKind.OPTION_CONTRACT,
                p.closingSide(),
                p.qty(),
                chain.latest(p.symbol(), p.contract()).orElseThrow().bid(),
                now,
                true);
    }

    /** Whether one of {@code positions} holds {@code q}'s contract (its exits follow the quote). */
    static boolean held(OptionQuote q, List<Position> positions) {
        for (Position p : positions) {
            if (q.optionSymbol().equals(p.contract())) {
                return true;
            }
        }
        return false;
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction)
                        .movePointRight(2)
                        .stripTrailingZeros()
                        .toPlainString() + " %";
    }

    /** The exchange date of {@code ts} in {@code zone}: what MAX_DAILY_SCALPS counts per, and the chain's day. */
    static LocalDate exchangeDate(long ts, ZoneId zone) {
        return Instant.ofEpochMilli(ts).atZone(zone).toLocalDate();
    }

    @Nullable
    private RejectReason maxDailyScalps(EntryCheck.Context c) {
        Ledger l = c.ledger();
        return (l.scalpDay == exchangeDate(c.now(), options.zone()).toEpochDay() ? l.dayScalps : 0)
                        >= options.maxDailyScalps()
                ? RejectReason.MAX_DAILY_SCALPS
                : null;
    }

    @Nullable
    private RejectReason lossCooldown(EntryCheck.Context c) {
        return c.ledger().inScalpCooldown(c.now()) ? RejectReason.LOSS_COOLDOWN : null;
    }

    @Nullable
    private RejectReason maxConcurrentScalps(EntryCheck.Context c) {
        return c.positions().stream().filter(Position::isOption).count() >= options.maxConcurrentScalps()
                ? RejectReason.MAX_CONCURRENT_SCALPS
                : null;
    }
}
