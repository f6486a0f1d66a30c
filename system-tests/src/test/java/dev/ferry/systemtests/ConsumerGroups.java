package dev.ferry.systemtests;

import dev.ferry.contracts.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer groups on Ferry's topics ({@link Topics#all()}), as an operator's tools see them: rewound for a
 * replay, and watched for lag. Groups other modules' tests left on their own topics are not Ferry's and are ignored.
 */
final class ConsumerGroups implements AutoCloseable {

    private static final Set<String> FERRY_TOPICS = Set.copyOf(Topics.all());

    private final Admin admin;

    ConsumerGroups(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(props);
    }

    /**
     * Moves every group's committed position back to each partition's first offset (the members must be stopped):
     * on their next start the services read every topic again from the beginning. Returns the groups rewound.
     */
    int rewindAllToTheStart() throws Exception {
        int groups = 0;
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(g.groupId());
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            positions(committed.keySet(), OffsetSpec.earliest()).forEach((tp, o) -> start.put(tp, new OffsetAndMetadata(o)));
            alterOnceEmpty(g.groupId(), start);
            groups++;
        }
        return groups;
    }

    /**
     * Rewinds a group once its members are gone. A member stopped without leaving (killed at the end of its grace
     * period) keeps its seat until its session times out, and the broker refuses to move a group with members
     * (UnknownMemberIdException, GroupNotEmptyException); 75 s outlast the default 45 s session.
     */
    private void alterOnceEmpty(String group, Map<TopicPartition, OffsetAndMetadata> start) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                boolean seated = e.getCause() instanceof org.apache.kafka.common.errors.UnknownMemberIdException
                        || e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException;
                if (!seated || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Waits until no group has anything left to read, three looks in a row a second apart. */
    void awaitNoLag(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("consumer groups still lag after " + patience + ": " + lag());
            }
            quiet = lag().isEmpty() ? quiet + 1 : 0;
            Thread.sleep(1000);
        }
    }

    /** Per group and partition, records not yet committed; only those with any. */
    Map<String, Long> lag() throws Exception {
        Map<String, Long> lag = new HashMap<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(g.groupId());
            if (committed.isEmpty()) {
                continue;
            }
            positions(committed.keySet(), OffsetSpec.latest()).forEach((tp, end) -> {
                long behind = end - committed.get(tp).offset();
                if (behind > 0) {
                    lag.put(g.groupId() + "/" + tp, behind);
                }
            });
        }
        return lag;
    }

    /** The first or the next offset of each partition, as {@code spec} says. */
    private Map<TopicPartition, Long> positions(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        partitions.forEach(tp -> ask.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, o) -> {
                    if (o != null && FERRY_TOPICS.contains(tp.topic())) {
                        out.put(tp, o);
                    }
                });
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
