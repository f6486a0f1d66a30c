#!/usr/bin/env bash
# Generation speed, peak memory and size on disk for several practice sizes.
# From the repository root, after `./mvnw -B -q -pl simulators/dentes-datagen -am install -DskipTests`:
#   bash simulators/dentes-datagen/bench/measure.sh [sizes...]      (default: 10000 100000 1000000)
# Each size is generated with seed 42 and -Xmx256m (to show that memory does not grow with the size) into
# $TMPDIR/dentes-datagen-bench/p<N>, measured, then deleted (set KEEP=1 to keep it).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="$HERE/../target/ferry-dentes-datagen-0.1.0-SNAPSHOT.jar"
OUT_ROOT="${TMPDIR:-/tmp}/dentes-datagen-bench"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000 100000 1000000)
mkdir -p "$OUT_ROOT"
printf '%10s %12s %9s %11s %10s %10s %12s %10s\n' patients records wall_s records/s disk apparent attachments peak_rss
for n in "${SIZES[@]}"; do
  out="$OUT_ROOT/p$n"
  rm -rf "$out"
  /usr/bin/time -f '%e %M' -o "$OUT_ROOT/time-$n" java -Xmx256m -jar "$JAR" --patients "$n" --seed 42 --out "$out" > "$OUT_ROOT/log-$n"
  read -r wall rss < "$OUT_ROOT/time-$n"
  records=$(python3 -c "import json; print(sum(json.load(open('$out/manifest.json'))['counts'].values()))")
  printf '%10s %12s %9s %11.0f %10s %10s %12s %7.0f MB\n' "$n" "$records" "$wall" "$(python3 -c "print($records/$wall)")" \
    "$(du -sh "$out" | cut -f1)" "$(du -sh --apparent-size "$out" | cut -f1)" "$(ls "$out/attachments" | wc -l)" \
    "$(python3 -c "print($rss/1024)")"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$out"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
