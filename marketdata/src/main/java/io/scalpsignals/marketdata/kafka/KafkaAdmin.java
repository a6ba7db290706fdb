package io.scalpsignals.marketdata.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the job asks of the cluster at start: missing topics, and the broker's limits. */
public final class KafkaAdmin implements AutoCloseable {

    private static final long TIMEOUT_SEC = 30;

    private final Admin admin;

    /**
     * @param properties client properties: {@code bootstrap.servers} and whatever a secured
     *     cluster needs (SASL, TLS)
     */
    public KafkaAdmin(Properties properties) {
        Properties p = new Properties();
        p.putAll(properties);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(p);
    }

    /**
     * Creates the topics that do not exist, with {@code partitions} partitions and replication
     * factor {@code replication}; existing topics are left as they are.
     *
     * @return the topics it created
     * @throws IllegalStateException when the cluster does not answer or refuses
     */
    public List<String> createMissing(Collection<String> topics, int partitions, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SEC, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, replication));
                }
            }
            try {
                admin.createTopics(missing).all().get(TIMEOUT_SEC, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * The broker's {@code transaction.max.timeout.ms}, the most an EXACTLY_ONCE producer's
     * {@code transaction.timeout.ms} may be.
     *
     * @throws IllegalStateException when the cluster does not answer
     */
    public long transactionMaxTimeoutMs() {
        try {
            String broker = admin.describeCluster()
                    .nodes()
                    .get(TIMEOUT_SEC, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .idString();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SEC, TimeUnit.SECONDS);
            return Long.parseLong(
                    configs.get(resource).get("transaction.max.timeout.ms").value());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the broker configuration: " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the broker configuration", e);
        }
    }

    private static String cause(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public void close() {
        admin.close();
    }
}
