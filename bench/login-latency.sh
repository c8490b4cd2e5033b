#!/usr/bin/env bash
# Sign-in latency over HTTPS against a fresh distribution: N sequential POST /api/auth/login on one
# kept-alive connection, for a right password, a wrong password and an unknown email (the last two
# should cost about the same as the first: no account enumeration by timing, SPEC A-4).
#   bench/login-latency.sh [N]     (after mvn -B install -DskipTests built the tarball)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
. bench/lib.sh

work=$(mktemp -d)
unpack_fresh "$work"
# Throttling per address would turn the wrong-password series into 429s: lift it for the measurement.
printf 'ip.failures.per.window = 100000\nlockout.threshold = 100000\n' > "$home/etc/io.sightline.auth.cfg"
trap 'stop_and_remove "$work"' EXIT
"$home/bin/start" >/dev/null
base="https://localhost:$https/api"
await_healthy
email="bench@example.com"; password="violet-tractor-harbour-93"
signup_and_confirm "$email" "$password"

# One kept-alive HTTPS connection per series, timed per request (Python's standard library).
series() { # name email password
    python3 - "$1" "$2" "$3" "$https" "$N" <<'PY'
import http.client, json, ssl, sys, time
name, email, password, port, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
context = ssl._create_unverified_context()  # the server's own self-signed certificate, on localhost
connection = http.client.HTTPSConnection("localhost", port, context=context)
body = json.dumps({"email": email, "password": password})
times, statuses = [], set()
for _ in range(n):
    start = time.perf_counter()
    connection.request("POST", "/api/auth/login", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    times.append((time.perf_counter() - start) * 1000)
    statuses.add(response.status)
times.sort()
print(f"{name:16} {n} requests (status {','.join(map(str, sorted(statuses)))}): "
      f"p50 {times[len(times) // 2]:.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms")
PY
}
series "right password" "$email" "$password"
series "wrong password" "$email" "wrong-password-123"
series "unknown email" "nobody@example.com" "wrong-password-123"
