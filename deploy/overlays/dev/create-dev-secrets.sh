#!/usr/bin/env bash
# Creates the Secrets the dev overlay refers to, in namespace ferry-dev, with random values that never touch the
# repository: one password per service role (CloudNativePG sets it on the role, the service reads it), and one
# Dr.DENTES token and one Freshsales API key shared by each sandbox and the service that calls it.
# Run it after `kubectl apply -k deploy/overlays/dev` has created the namespace (or create the namespace first);
# it leaves Secrets that already exist alone, so running it twice changes nothing.
set -euo pipefail
ns=${1:-ferry-dev}
random() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
create() { # name, then --from-literal arguments
  local name=$1; shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists, left alone"
  else
    kubectl -n "$ns" create secret generic "$name" "$@"
  fi
}
kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
for s in extractor mapper loader audit; do
  create "ferry-pg-$s" --type=kubernetes.io/basic-auth --from-literal=username="ferry_$s" --from-literal=password="$(random)"
done
create ferry-dentes --from-literal=token="$(random)"
create ferry-freshsales --from-literal=api-key="$(random)"
