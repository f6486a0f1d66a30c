package dev.ferry.cli.stack;

import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Gives a stack empty Ferry topics and no Ferry consumer groups, so a demo or an end-to-end run never reads what an
 * earlier one left behind. Only for a broker the stack owns (the local one).
 */
public final class KafkaTopicsReset {

    private KafkaTopicsReset() {
    }

    /** Every topic a migration uses, with its partition count. */
    public static Map<String, Integer> ferryTopics(int partitions) {
        Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        for (SourceResource r : SourceResource.values()) {
            topics.put(r.rawTopic(), partitions);
        }
        topics.put(Topics.COMMANDS, partitions);
        topics.put(Topics.OUTCOMES, partitions);
        topics.put(Topics.RUNS, 1);
        topics.put(Topics.POISON, 1);
        return topics;
    }

    /**
     * Deletes each group on its own; one that no longer exists is already what the reset wants. Returns the groups
     * that still have members.
     */
    private static List<String> deleteEach(Admin admin, List<String> groups) throws Exception {
        List<String> busy = new ArrayList<>();
        for (String g : groups) {
            try {
                admin.deleteConsumerGroups(List.of(g)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupNotEmptyException) {
                    busy.add(g);
                } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }
        return busy;
    }

    /**
     * Deletes consumer groups, waiting while they still have members: after a broker restart or a killed stack (the
     * fault matrix ends its rows by SIGKILL), the members of the last generation linger until their session times
     * out. A member that is really alive after 75 s is another Ferry still consuming from this broker, and the reset
     * refuses to pull topics from under it.
     */
    private static void deleteGroups(Admin admin, List<String> groups) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
        List<String> left = deleteEach(admin, groups);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer groups " + left + " still have live members: another "
                        + "Ferry service is consuming from this broker; stop it first");
            }
            Thread.sleep(1000);
            left = deleteEach(admin, left);
        }
    }

    public static void reset(String bootstrap, int partitions) {
        Map<String, Integer> wanted = ferryTopics(partitions);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> groups = new ArrayList<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                if (g.groupId().startsWith("ferry")) {
                    groups.add(g.groupId());
                }
            }
            deleteGroups(admin, groups);
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> doomed = existing.stream().filter(wanted::containsKey).toList();
            if (!doomed.isEmpty()) {
                admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                Set<String> now = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                List<NewTopic> missing = wanted.entrySet().stream().filter(e -> !now.contains(e.getKey()))
                        .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
                if (missing.isEmpty()) {
                    return;
                }
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    // a deleted topic is still being removed: try again shortly
                    if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(300);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot reset the Ferry topics on " + bootstrap, e);
        }
    }
}
