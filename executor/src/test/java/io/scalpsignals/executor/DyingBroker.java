package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.Capabilities;
import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The paper broker in {@code dir}, dying as its {@code dieAt}-th order (1-based; 0 for never)
 * comes in: before taking it, or after it is filled. How it dies is the caller's: a thrown
 * exception in-process, {@code Runtime.halt} in a child process. Each filled order is announced
 * with its number (1-based, per broker) to {@code filled}.
 */
final class DyingBroker implements Broker {

    private final PaperBroker paper;
    private final int dieAt;
    private final boolean afterTheOrder;
    private final Runnable die;
    private final IntConsumer filled;
    private int orders;

    DyingBroker(Path dir, int dieAt, boolean afterTheOrder, Runnable die, IntConsumer filled) {
        this.paper = new PaperBroker(
                dir,
                ExecutorConfig.defaults().slippagePct(),
                ExecutorConfig.defaults().feePct(),
                OptionsConfig.defaults().contractMultiplier());
        this.dieAt = dieAt;
        this.afterTheOrder = afterTheOrder;
        this.die = die;
        this.filled = filled;
    }

    /** Dies by throwing an {@link IllegalStateException}. */
    static DyingBroker throwing(Path dir, int dieAt, boolean afterTheOrder) {
        return new DyingBroker(
                dir,
                dieAt,
                afterTheOrder,
                () -> {
                    throw new IllegalStateException(
                            "killed " + (afterTheOrder ? "after" : "before") + " order " + dieAt);
                },
                n -> {});
    }

    @Override
    public Capabilities capabilities() {
        return paper.capabilities();
    }

    @Override
    public boolean fillsLimitOrdersFromTicks() {
        return paper.fillsLimitOrdersFromTicks();
    }

    @Override
    public FillReport place(Order order) {
        boolean last = ++orders == dieAt;
        if (last && !afterTheOrder) {
            die.run();
        }
        FillReport fill = paper.place(order);
        if (last) {
            die.run();
        }
        filled.accept(orders);
        return fill;
    }

    @Override
    public Optional<FillReport> query(String clientOrderId) {
        return paper.query(clientOrderId);
    }

    @Override
    public void close() {
        paper.close();
    }
}
