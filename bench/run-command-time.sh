#!/usr/bin/env bash
# Times the README run command in a clone: until /api/health/ready answers 200 and the console shows the setup link.
# Usage: bench/run-command-time.sh DIR   (DIR: a fresh git clone, or one already built). Stops nothing: Ctrl+C the server after.
set -u
dir=$1
cd "$dir"
start=$(date +%s.%N)
./sightline.sh run > run.out 2>&1 &
pid=$!
banner=""; ready=""; token=""
while true; do
  now=$(date +%s.%N)
  if [ -z "$banner" ] && grep -q 'Open  https://localhost' run.out; then banner=$(echo "$now - $start" | bc); echo "banner $banner s"; fi
  if [ -z "$token" ] && grep -q 'setup?token=' run.out; then token=$(echo "$now - $start" | bc); echo "setup link $token s"; fi
  if [ -z "$ready" ] && [ "$(curl -sk -m 2 -o /dev/null -w '%{http_code}' https://localhost:8443/api/health/ready)" = 200 ]; then ready=$(echo "$now - $start" | bc); echo "ready $ready s"; fi
  if [ -n "$ready" ] && [ -n "$token" ]; then break; fi
  if ! kill -0 $pid 2>/dev/null; then echo "run command exited"; tail -20 run.out; exit 1; fi
  if (( $(echo "$now - $start > 600" | bc) )); then echo timeout; break; fi
  sleep 0.5
done
