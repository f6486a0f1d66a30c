#!/usr/bin/env bash
# Names every Ferry image of one overlay by one registry and one tag: the single image setting of an install.
#   deploy/set-images.sh prod <registry>/ferry 0.1.0     (dev | prod; the prefix is everything before /<service>)
# Rewrites the images: list of deploy/overlays/<env>/kustomization.yaml in place; ImagesTest keeps it to one of each.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 dev|prod <registry>/ferry <tag>" >&2; exit 2; }
env=$1 prefix=${2%/} tag=$3
file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/overlays/$env/kustomization.yaml"
[[ -f $file ]] || { echo "no overlay $env ($file)" >&2; exit 2; }
sed -i -E "s#^(    newName: ).*/([a-z-]+)\$#\\1$prefix/\\2#; s#^(    newTag: ).*\$#\\1$tag#" "$file"
grep -E '^    new(Name|Tag):' "$file"
