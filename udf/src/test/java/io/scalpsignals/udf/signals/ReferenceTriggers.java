package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.triggers.SymbolTick;
import io.scalpsignals.udf.triggers.Triggers;
import io.scalpsignals.udf.triggers.Zone;

import java.util.ArrayList;
import java.util.List;

/**
 * SPEC.md §4's vwap_rejection, breakout and book_imbalance written as plain loops over a symbol's ticks, with
 * no CEP: the index of every tick at which a match completes, a later match starting strictly
 * after the previous one's last tick. Cubic in the worst case; for tests only.
 */
final class ReferenceTriggers {

    private ReferenceTriggers() {}

    static List<Integer> vwapRejection(List<SymbolTick> ticks, Action direction, StrategyConfig c) {
        Zone entry = direction == Action.OPEN_LONG ? Zone.ABOVE : Zone.BELOW;
        Zone against = direction == Action.OPEN_LONG ? Zone.BELOW : Zone.ABOVE;
        long window = c.vwapRejectionWindowSec * 1000L;
        List<Integer> out = new ArrayList<>();
        int last = -1;
        for (int j = 0; j < ticks.size(); j++) {
            SymbolTick cTick = ticks.get(j);
            if (Zone.of(cTick, c) != entry || !(cTick.features().volumeRatio() >= c.vwapRejectionVolumeRatioMin)) {
                continue;
            }
            boolean found = false;
            for (int i = last + 1; i < j && !found; i++) {
                if (Zone.of(ticks.get(i), c) != entry
                        || cTick.ts() - ticks.get(i).ts() >= window) {
                    continue;
                }
                for (int k = i + 1; k < j; k++) {
                    Zone z = Zone.of(ticks.get(k), c);
                    if (z == against) {
                        break; // no TOUCH after this BELOW may pair with this a
                    }
                    if (z == Zone.TOUCH) {
                        found = true;
                        break;
                    }
                }
            }
            if (found) {
                out.add(j);
                last = j;
            }
        }
        return out;
    }

    static List<Integer> breakout(List<SymbolTick> ticks, Action direction, StrategyConfig c) {
        long window = c.breakoutWindowSec * 1000L;
        List<Integer> out = new ArrayList<>();
        int last = -1;
        for (int j = 0; j < ticks.size(); j++) {
            SymbolTick cTick = ticks.get(j);
            boolean found = false;
            for (int i = last + 1; i < j && !found; i++) {
                SymbolTick b = ticks.get(i);
                if (!Triggers.isBreak(b, direction, c)
                        || cTick.ts() - b.ts() >= window
                        || cTick.ts() < b.ts() + c.breakoutConfirmMs) {
                    continue;
                }
                double level = Triggers.level(b, direction);
                boolean held = true;
                boolean firstAtConfirm = true;
                for (int k = i + 1; k < j; k++) {
                    held &= Triggers.beyond(ticks.get(k).price(), level, direction);
                    firstAtConfirm &= ticks.get(k).ts() < b.ts() + c.breakoutConfirmMs;
                }
                found = held && firstAtConfirm && Triggers.beyond(cTick.price(), level, direction);
            }
            if (found) {
                out.add(j);
                last = j;
            }
        }
        return out;
    }

    static List<Integer> bookImbalance(List<SymbolTick> ticks, Action direction, StrategyConfig c) {
        long window = c.bookImbalanceWindowSec * 1000L;
        long persist = c.bookImbalancePersistMs;
        double min = c.bookImbalanceMin;
        List<Integer> out = new ArrayList<>();
        int last = -1;
        for (int j = 0; j < ticks.size(); j++) {
            SymbolTick cTick = ticks.get(j);
            if (!confirmsBook(cTick, direction, c)) {
                continue;
            }
            boolean found = false;
            for (int i = last + 1; i < j && !found; i++) {
                SymbolTick a = ticks.get(i);
                if (!holds(a, direction, min)
                        || !(a.features().spreadPct() <= c.bookImbalanceMaxSpreadPct)
                        || cTick.ts() - a.ts() >= window
                        || cTick.ts() < a.ts() + persist) {
                    continue;
                }
                boolean held = true;
                boolean first = true;
                for (int k = i + 1; k < j; k++) {
                    SymbolTick between = ticks.get(k);
                    held &= holds(between, direction, min);
                    first &= !(between.ts() >= a.ts() + persist && confirmsBook(between, direction, c));
                }
                found = held && first;
            }
            if (found) {
                out.add(j);
                last = j;
            }
        }
        return out;
    }

    /** {@code imbalance <= -min} (short) or {@code >= +min} (long), read from the feature record. */
    private static boolean holds(SymbolTick t, Action direction, double min) {
        double imbalance = t.features().imbalance();
        return direction == Action.OPEN_LONG ? imbalance >= min : imbalance <= -min;
    }

    private static boolean confirmsBook(SymbolTick t, Action direction, StrategyConfig c) {
        return holds(t, direction, c.bookImbalanceMin)
                && t.features().spreadPct() <= c.bookImbalanceMaxSpreadPct
                && t.features().volumeRatio() >= c.bookImbalanceVolumeRatioMin;
    }
}
