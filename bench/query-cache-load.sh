#!/usr/bin/env bash
# A cached query result served over HTTPS under load (SPEC C-1): wrk (Debian package `wrk`) with
# C connections for S seconds posts the same query on the demo data source; every answer after the
# first comes from the result cache. Also measures the uncached path for a 1-row query against
# plain JDBC on the same PostgreSQL (Sightline's own overhead per run). Prints requests/s and
# the latency distribution.
#   bench/query-cache-load.sh [CONNECTIONS] [SECONDS]   (after mvn -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-50}
SECONDS_=${2:-20}
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }
. bench/lib.sh

work=$(mktemp -d)
unpack_fresh "$work"
trap 'stop_and_remove "$work"' EXIT
"$home/bin/start" >/dev/null
base="https://localhost:$https/api"
await_healthy
email="bench@example.com"; password="violet-tractor-harbour-93"
signup_and_confirm "$email" "$password"

eval "$(python3 - "$https" "$email" "$password" <<'PY'
import http.client, json, ssl, sys, time
port, email, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
context = ssl._create_unverified_context()
c = http.client.HTTPSConnection("localhost", port, context=context)
def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    c.request(method, "/api" + path, None if body is None else json.dumps(body), headers)
    r = c.getresponse()
    return r.status, r.read()
status, body = call("POST", "/auth/login", {"email": email, "password": password})
token = json.loads(body)["accessToken"]
demo, t0 = None, time.perf_counter()
while demo is None and time.perf_counter() - t0 < 120:
    demo = next((d["id"] for d in json.loads(call("GET", "/datasources", token=token)[1]) if d.get("operatorDefined")), None)
    time.sleep(0.2)
status, body = call("POST", "/datasources", {"name": "Bench PG", "driver": "postgresql", "host": "127.0.0.1", "port": 5432,
                                             "database": "test", "user": "postgres", "password": "", "cacheTtlSeconds": 0}, token)
assert status == 201, body
print(f"TOKEN={token} DEMO={demo} PG={json.loads(body)['id']}")
PY
)"

cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"dataSourceId":"$DEMO","sql":"SELECT region, category, sum(revenue) AS revenue FROM sales GROUP BY region, category ORDER BY revenue DESC"}'
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
LUA
# Warm the cache and the JIT (C2 keeps compiling for about 20 s under this load), then measure.
wrk -t2 -c"$CONNECTIONS" -d20s -s "$work/post.lua" "https://localhost:$https/api/queries" >/dev/null
echo "== cached result, $CONNECTIONS connections, ${SECONDS_} s =="
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" -s "$work/post.lua" "https://localhost:$https/api/queries"

python3 - "$https" "$TOKEN" "$PG" <<'PY'
import http.client, json, ssl, subprocess, sys, time
port, token, pg = int(sys.argv[1]), sys.argv[2], sys.argv[3]
c = http.client.HTTPSConnection("localhost", port, context=ssl._create_unverified_context())
body = json.dumps({"dataSourceId": pg, "sql": "SELECT 1 AS one", "useCache": False})
times = []
for i in range(600):
    t = time.perf_counter()
    c.request("POST", "/api/queries", body, {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    r = c.getresponse(); r.read()
    assert r.status == 200
    times.append((time.perf_counter() - t) * 1000)
times = sorted(times[100:])
print(f"== uncached 1-row query on PostgreSQL over HTTPS, 1 client: p50 {times[len(times)//2]:.2f} ms, p99 {times[int(len(times)*0.99)]:.2f} ms ==")
PY
jar=$(ls "$home"/system/org/postgresql/postgresql/*/postgresql-*.jar | head -1)
"$JAVA_HOME/bin/java" -cp "$jar" bench/java/JdbcOneRow.java
