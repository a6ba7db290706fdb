package io.scalpsignals.executor.broker.paper;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.BrokerFactory;
import io.scalpsignals.executor.broker.Capabilities;

/** {@code --broker paper}: the embedded paper broker, in the state directory. */
public final class PaperBrokerFactory implements BrokerFactory {

    @Override
    public String name() {
        return "paper";
    }

    @Override
    public Capabilities capabilities() {
        return PaperBroker.CAPABILITIES;
    }

    @Override
    public Broker create(Context context) {
        return new PaperBroker(
                context.stateDir(),
                context.slippagePct(),
                context.feePct(),
                context.makerFeePct(),
                context.contractMultiplier());
    }
}
