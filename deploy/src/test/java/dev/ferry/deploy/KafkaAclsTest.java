package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Least privilege: each service's KafkaUser may read exactly the topics it consumes, in exactly its consumer groups,
 * and write exactly the topics it produces (see {@link KafkaClientsUse} for where those come from).
 */
class KafkaAclsTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyServiceUserHasExactlyTheAclsItsCodeNeeds(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        for (KafkaClientsUse use : KafkaClientsUse.all()) {
            KafkaUser user = m.typed(m.named("KafkaUser", use.user()), KafkaUser.class);
            assertThat(user.getSpec().getAuthentication().getType()).as(use.user()).isEqualTo("tls");
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();

            assertThat(acls).as(use.user() + ": only Read, Write and Describe").allSatisfy(a -> assertThat(
                    a.getOperations()).isSubsetOf(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE));
            assertThat(covered(acls, AclOperation.READ, use.reads()))
                    .as(use.user() + " reads what it consumes").isEqualTo(use.reads());
            assertThat(covered(acls, AclOperation.WRITE, use.writes()))
                    .as(use.user() + " writes what it produces").isEqualTo(use.writes());
            for (AclRule a : acls) {
                assertThat(usedFor(a, use)).as(use.user() + ": a rule no channel needs: " + name(a)).isTrue();
            }
        }
    }

    private static Set<String> covered(List<AclRule> acls, AclOperation op, Set<String> topics) {
        return topics.stream().filter(t -> acls.stream().anyMatch(a -> a.getOperations().contains(op)
                && a.getResource() instanceof AclRuleTopicResource r && matches(r.getName(), r.getPatternType(), t)))
                .collect(Collectors.toSet());
    }

    /** A rule is needed when its resource and every operation in it serve a topic or group the service uses. */
    private static boolean usedFor(AclRule a, KafkaClientsUse use) {
        if (a.getResource() instanceof AclRuleGroupResource g) {
            return use.groups().stream().anyMatch(x -> matches(g.getName(), g.getPatternType(), x))
                    && !a.getOperations().contains(AclOperation.WRITE);
        }
        if (a.getResource() instanceof AclRuleTopicResource t) {
            boolean reads = use.reads().stream().anyMatch(x -> matches(t.getName(), t.getPatternType(), x));
            boolean writes = use.writes().stream().anyMatch(x -> matches(t.getName(), t.getPatternType(), x));
            return (reads || writes) && (reads || !a.getOperations().contains(AclOperation.READ))
                    && (writes || !a.getOperations().contains(AclOperation.WRITE));
        }
        return false;
    }

    private static boolean matches(String name, AclResourcePatternType type, String value) {
        return type == AclResourcePatternType.PREFIX ? value.startsWith(name) : value.equals(name);
    }

    private static String name(AclRule a) {
        return a.getResource().getType() + " " + (a.getResource() instanceof AclRuleTopicResource t ? t.getName()
                : a.getResource() instanceof AclRuleGroupResource g ? g.getName() : "?") + " " + a.getOperations();
    }
}
