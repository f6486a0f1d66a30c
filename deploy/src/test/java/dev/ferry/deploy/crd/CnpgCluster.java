package dev.ferry.deploy.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/** CloudNativePG {@code postgresql.cnpg.io/v1 Cluster}. */
public record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public CnpgCluster {
        Required.field(spec, "spec");
    }

    public record Spec(Integer instances, String description, String imageName, String primaryUpdateStrategy,
            Boolean enableSuperuserAccess, PostgresConfiguration postgresql, Bootstrap bootstrap, Storage storage,
            Storage walStorage, ResourceRequirements resources, Managed managed, Monitoring monitoring) {
        public Spec {
            Required.field(instances, "spec.instances");
        }
    }

    public record PostgresConfiguration(Map<String, String> parameters,
            @JsonProperty("pg_hba") List<String> pgHba,
            @JsonProperty("shared_preload_libraries") List<String> sharedPreloadLibraries) {
    }

    public record Bootstrap(InitDb initdb) {
    }

    public record InitDb(String database, String owner, SecretRef secret, String encoding, String localeCollate,
            String localeCType, Boolean dataChecksums, List<String> postInitSQL, List<String> postInitApplicationSQL) {
    }

    public record Storage(String size, String storageClass, Boolean resizeInUseVolumes) {
    }

    public record Managed(List<Role> roles) {
    }

    /** {@code spec.managed.roles[]}: a role the operator creates and keeps as declared. */
    public record Role(String name, Ensure ensure, String comment, Boolean login, Boolean superuser, Boolean createdb,
            Boolean createrole, Boolean inherit, Boolean replication, Boolean bypassrls, Integer connectionLimit,
            String validUntil, List<String> inRoles, SecretRef passwordSecret, Boolean disablePassword) {
        public Role {
            Required.field(name, "name");
        }
    }

    public record Monitoring(Boolean enablePodMonitor) {
    }

    public record SecretRef(String name) {
        public SecretRef {
            Required.field(name, "name");
        }
    }

    public enum Ensure {
        @JsonProperty("present") PRESENT,
        @JsonProperty("absent") ABSENT
    }
}
