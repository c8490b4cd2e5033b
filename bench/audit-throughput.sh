#!/usr/bin/env bash
# Audit log throughput while the API serves requests (SPEC AU-1): C clients on kept-alive HTTPS
# connections send PATCH /api/me for S seconds; each answered request queues one audit entry
# (account.profile_update). Prints requests/s with latencies, audit entries written per second
# during the load, and how long the queue took to drain afterwards.
#   bench/audit-throughput.sh [CLIENTS] [SECONDS]   (after mvn -B install -DskipTests built the tarball)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-8}
SECONDS_=${2:-20}
. bench/lib.sh

work=$(mktemp -d)
unpack_fresh "$work"
trap 'stop_and_remove "$work"' EXIT
"$home/bin/start" >/dev/null
base="https://localhost:$https/api"
await_healthy
email="bench@example.com"; password="violet-tractor-harbour-93"
signup_and_confirm "$email" "$password"

python3 - "$https" "$email" "$password" "$CLIENTS" "$SECONDS_" <<'PY'
import http.client, json, ssl, sys, threading, time
port, email, password, clients, seconds = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
context = ssl._create_unverified_context()  # the server's own self-signed certificate, on localhost

def call(connection, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, "/api" + path, None if body is None else json.dumps(body), headers)
    response = connection.getresponse()
    return response.status, response.read()

admin = http.client.HTTPSConnection("localhost", port, context=context)
status, body = call(admin, "POST", "/auth/login", {"email": email, "password": password})
assert status == 200, body
token = json.loads(body)["accessToken"]

def audited():
    status, body = call(admin, "GET", "/audit?action=account.profile_update&limit=1", token=token)
    assert status == 200, body
    return json.loads(body)["total"]

before = audited()
stop_at = time.perf_counter() + seconds
latencies, failures = [], []
lock = threading.Lock()

def client(n):
    connection = http.client.HTTPSConnection("localhost", port, context=context)
    mine, bad, i = [], 0, 0
    while time.perf_counter() < stop_at:
        start = time.perf_counter()
        status, _ = call(connection, "PATCH", "/me", {"displayName": f"Bench {n}-{i}"}, token)
        mine.append((time.perf_counter() - start) * 1000)
        bad += status != 200
        i += 1
    with lock:
        latencies.extend(mine)
        failures.append(bad)

threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - t0
written_during = audited() - before
t1 = time.perf_counter()
expected = len(latencies) - sum(failures)
while audited() - before < expected and time.perf_counter() - t1 < 120:
    time.sleep(0.05)
drain = time.perf_counter() - t1
final = audited() - before
latencies.sort()
print(f"{clients} clients, {elapsed:.1f} s: {len(latencies)} requests ({sum(failures)} failed), "
      f"{len(latencies) / elapsed:.0f} requests/s, p50 {latencies[len(latencies) // 2]:.1f} ms, "
      f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms")
print(f"audit: {written_during} entries written during the load ({written_during / elapsed:.0f} entries/s), "
      f"all {final} of {expected} written {drain:.2f} s after the load ended")
status, body = call(admin, "GET", "/audit/verify", token=token)
print("chain:", json.loads(body))
PY
