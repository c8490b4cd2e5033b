#!/usr/bin/env bash
# Cold boot: unpack a fresh distribution (no certificate, no database yet), run bin/start, and
# time until GET /api/health answers 200 over HTTPS. Repeats N times (default 5) on free ports.
#   bench/cold-boot.sh [N]        (after ./sightline.sh run or mvn install has built the tarball)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5}
. bench/lib.sh

times=()
for i in $(seq 1 "$N"); do
    work=$(mktemp -d)
    unpack_fresh "$work"
    start=$(date +%s.%N)
    "$home/bin/start" >/dev/null
    code=000
    for _ in $(seq 1 1200); do
        code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "https://localhost:$https/api/health" || true)
        [ "$code" = 200 ] && break
        sleep 0.05
    done
    end=$(date +%s.%N)
    stop_and_remove "$work"
    [ "$code" = 200 ] || { echo "run $i: no 200 within 60 s" >&2; exit 1; }
    t=$(echo "$end - $start" | bc)
    times+=("$t")
    printf 'run %d: health 200 after %.2f s\n' "$i" "$t"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "cold boot, %d runs: min %.2f s, median %.2f s, max %.2f s\n", NR, a[1], a[int((NR+1)/2)], a[NR]}'
