#!/usr/bin/env bash
# Queries against the demo data source (embedded H2, ~60,000 order lines) through the REST API
# (SPEC Q-3, Q-4, C-1): an aggregate run uncached one at a time (database time plus Sightline's
# overhead), the same answered from the result cache by C concurrent clients, and a CSV export of
# R rows streamed to the client, with the server's resident memory before and after.
#   bench/query-throughput.sh [CLIENTS] [SECONDS] [EXPORT_ROWS]   (after mvn -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-8}
SECONDS_=${2:-15}
EXPORT_ROWS=${3:-1000000}
. bench/lib.sh

work=$(mktemp -d)
unpack_fresh "$work"
trap 'stop_and_remove "$work"' EXIT
"$home/bin/start" >/dev/null
base="https://localhost:$https/api"
await_healthy
email="bench@example.com"; password="violet-tractor-harbour-93"
signup_and_confirm "$email" "$password"

python3 - "$https" "$email" "$password" "$CLIENTS" "$SECONDS_" "$EXPORT_ROWS" "$home" <<'PY'
import http.client, json, ssl, subprocess, sys, threading, time
port, email, password, clients, seconds, export_rows, home = (int(sys.argv[1]), sys.argv[2], sys.argv[3],
    int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), sys.argv[7])
context = ssl._create_unverified_context()  # the server's own self-signed certificate, on localhost

def call(connection, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, "/api" + path, None if body is None else json.dumps(body), headers)
    response = connection.getresponse()
    return response.status, response.read()

def rss_mb():
    pid = open(home + "/karaf.pid").read().strip()
    return int(subprocess.check_output(["ps", "-o", "rss=", "-p", pid]).decode().strip()) / 1024

admin = http.client.HTTPSConnection("localhost", port, context=context)
status, body = call(admin, "POST", "/auth/login", {"email": email, "password": password})
assert status == 200, body
token = json.loads(body)["accessToken"]
demo, t0 = None, time.perf_counter()
while demo is None and time.perf_counter() - t0 < 120:
    status, body = call(admin, "GET", "/datasources", token=token)
    demo = next((d["id"] for d in json.loads(body) if d.get("operatorDefined")), None)
    time.sleep(0.2)
assert demo, "no demo data source"
print(f"demo data source ready {time.perf_counter() - t0:.1f} s after sign-up")

aggregate = {"dataSourceId": demo, "sql": "SELECT region, category, count(*) AS lines, sum(revenue) AS revenue "
             "FROM sales WHERE ordered_on >= {{since}} GROUP BY region, category ORDER BY revenue DESC",
             "parameters": [{"name": "since", "type": "date"}], "values": {"since": "2000-01-01"}}

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]

uncached = []
for i in range(30):
    start = time.perf_counter()
    status, body = call(admin, "POST", "/queries", dict(aggregate, useCache=False), token)
    assert status == 200, body
    uncached.append((time.perf_counter() - start) * 1000)
uncached = uncached[5:]  # the first runs warm the JIT and H2's caches
print(f"uncached aggregate over the sales view, 1 client: p50 {pct(uncached, 0.5):.1f} ms, "
      f"p95 {pct(uncached, 0.95):.1f} ms ({len(uncached)} runs after 5 warm-up)")

stop_at = time.perf_counter() + seconds
latencies, failures, hits = [], [0], [0]
lock = threading.Lock()
def client():
    connection = http.client.HTTPSConnection("localhost", port, context=context)
    mine, bad, cached = [], 0, 0
    while time.perf_counter() < stop_at:
        start = time.perf_counter()
        status, body = call(connection, "POST", "/queries", aggregate, token)
        mine.append((time.perf_counter() - start) * 1000)
        if status != 200:
            bad += 1
        elif json.loads(body)["fromCache"]:
            cached += 1
    with lock:
        latencies.extend(mine); failures[0] += bad; hits[0] += cached
threads = [threading.Thread(target=client) for _ in range(clients)]
t1 = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - t1
print(f"cached, {clients} clients, {elapsed:.1f} s: {len(latencies)} requests ({failures[0]} failed, {hits[0]} from cache), "
      f"{len(latencies) / elapsed:.0f} requests/s, p50 {pct(latencies, 0.5):.1f} ms, p95 {pct(latencies, 0.95):.1f} ms")

before = rss_mb()
body = json.dumps({"dataSourceId": demo, "sql": f"SELECT x AS n, 'row ' || x AS label, x * 1.5 AS amount, "
                   f"DATEADD(DAY, MOD(x, 700), DATE '2025-01-01') AS day FROM SYSTEM_RANGE(1, {export_rows})"})
connection = http.client.HTTPSConnection("localhost", port, context=context)
start = time.perf_counter()
connection.request("POST", "/api/queries/export?format=csv", body,
                   {"Content-Type": "application/json", "Authorization": "Bearer " + token})
response = connection.getresponse()
assert response.status == 200, response.read()
size, lines, peak = 0, 0, before
while True:
    chunk = response.read(1 << 20)
    if not chunk:
        break
    size += len(chunk); lines += chunk.count(b"\n")
    peak = max(peak, rss_mb())
took = time.perf_counter() - start
assert lines == export_rows + 1, lines
print(f"CSV export of {export_rows:,} rows: {size / 1e6:.0f} MB in {took:.1f} s, {export_rows / took:,.0f} rows/s; "
      f"server RSS {before:.0f} MB before, {peak:.0f} MB at most during the export")
PY
