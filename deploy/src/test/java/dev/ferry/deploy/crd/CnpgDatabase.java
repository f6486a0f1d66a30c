package dev.ferry.deploy.crd;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/** CloudNativePG {@code postgresql.cnpg.io/v1 Database}: a database of a Cluster, with its schemas. */
public record CnpgDatabase(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public CnpgDatabase {
        Required.field(spec, "spec");
    }

    public record Spec(String name, String owner, ClusterRef cluster, CnpgCluster.Ensure ensure,
            String databaseReclaimPolicy, String encoding, String template, List<Schema> schemas,
            List<Extension> extensions) {
        public Spec {
            Required.field(name, "spec.name");
            Required.field(owner, "spec.owner");
            Required.field(cluster, "spec.cluster");
        }
    }

    public record ClusterRef(String name) {
        public ClusterRef {
            Required.field(name, "name");
        }
    }

    public record Schema(String name, String owner, CnpgCluster.Ensure ensure) {
        public Schema {
            Required.field(name, "name");
        }
    }

    public record Extension(String name, String version, String schema, CnpgCluster.Ensure ensure) {
        public Extension {
            Required.field(name, "name");
        }
    }
}
