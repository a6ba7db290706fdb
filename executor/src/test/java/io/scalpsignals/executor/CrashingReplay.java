package io.scalpsignals.executor;

import io.scalpsignals.model.read.TickFormat;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A replay in a child process that halts itself (like SIGKILL: no shutdown hooks, no flush) at a
 * chosen point around its n-th order: {@code before} (the intent is committed PENDING, the order
 * not sent) or {@code after} (the order is filled, its fill not committed).
 *
 * <p>Arguments: signals ticks state-dir before|after|never n
 */
public final class CrashingReplay {

    private CrashingReplay() {}

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[2]);
        String point = args[3];
        int n = Integer.parseInt(args[4]);
        ExecutorConfig config = ExecutorConfig.defaults();
        try (StateStore store = StateStore.open(state); PaperBroker paper = new PaperBroker(state, config.slippagePct())) {
            Broker halting = new Broker() {
                private int orders;

                @Override
                public Fill place(Order order) {
                    boolean last = ++orders == n;
                    if (last && point.equals("before")) {
                        Runtime.getRuntime().halt(137);
                    }
                    Fill fill = paper.place(order);
                    if (last && point.equals("after")) {
                        Runtime.getRuntime().halt(137);
                    }
                    return fill;
                }

                @Override
                public Optional<Fill> query(String clientOrderId) {
                    return paper.query(clientOrderId);
                }

                @Override
                public void close() {
                    paper.close();
                }
            };
            Replay.run(new Engine(store, halting, config), Path.of(args[0]), Path.of(args[1]), TickFormat.AUTO);
        }
    }
}
