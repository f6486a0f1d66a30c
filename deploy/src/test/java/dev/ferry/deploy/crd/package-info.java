/**
 * Typed models of the CloudNativePG and KEDA kinds deploy/ uses, written from the projects' documented CRD schemas
 * (CloudNativePG API reference: Cluster, Database; KEDA: ScaledObject specification, TriggerAuthentication), because
 * neither project publishes a Java model to Maven Central. They hold the documented fields Ferry's manifests use or
 * may plausibly use; parsed with {@code StrictModels}, any other field fails, and the fields each schema marks
 * required are checked in the records' constructors. A field the schema allows but a record lacks fails too: add
 * it here, from the schema, when a manifest needs it.
 */
package dev.ferry.deploy.crd;
