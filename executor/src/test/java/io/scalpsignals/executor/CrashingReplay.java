package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;

import java.nio.file.Path;
import java.util.Map;

/**
 * A replay in a child process that halts itself (like SIGKILL: no shutdown hooks, no flush) at a
 * chosen point around its n-th order: {@code before} (the intent is committed PENDING, the order
 * not sent) or {@code after} (the order is filled, its fill not committed). Prints {@code order k}
 * to stdout as its k-th order (1-based) is filled, so that a parent can kill it mid-run.
 *
 * <p>Arguments: signals ticks state-dir before|after|never n (0 with never) [chain|limit]; with a
 * chain, the replay scalps options (default settings); with {@code limit}, opens are limit entries
 * ({@link #LIMIT}).
 */
public final class CrashingReplay {

    /** The defaults with {@code entry_order: limit}. */
    static final ExecutorConfig LIMIT = ExecutorConfig.defaults().with(Map.of("entry_order", "limit"));

    private CrashingReplay() {}

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[2]);
        String point = args[3];
        int n = Integer.parseInt(args[4]);
        try (StateStore store = StateStore.open(state);
                Broker halting = new DyingBroker(
                        state,
                        n,
                        point.equals("after"),
                        () -> Runtime.getRuntime().halt(137),
                        k -> {
                            System.out.println("order " + k);
                            System.out.flush();
                        })) {
            boolean limit = args.length > 5 && args[5].equals("limit");
            Path chain = args.length > 5 && !limit ? Path.of(args[5]) : null;
            Engine engine = new Engine(
                    store,
                    halting,
                    limit ? LIMIT : ExecutorConfig.defaults(),
                    null,
                    chain == null ? null : OptionsConfig.defaults());
            Replay.run(
                    engine,
                    new Replay.Inputs(Path.of(args[0]), Path.of(args[1]), TickFormat.AUTO, null, chain),
                    w -> {});
        }
    }
}
