#!/usr/bin/env bash
# A dashboard of 12 reports on the demo data source (SPEC R-2, C-1), opened by many users at once.
#  1. cold: every tile recomputed at once (refresh), as a user opening it uncached would; prints
#     the wall time against the sum of the tiles' database times, i.e. how parallel the tiles ran
#     (bounded by the data source's pool of 5 connections).
#  2. cached: wrk with C connections for S seconds requests the 12 tiles in turn; every answer
#     comes from the result cache. Prints requests/s and the per-tile-request latency.
#   bench/dashboard-load.sh [CONNECTIONS] [SECONDS]   (after mvn -B install -DskipTests; needs wrk)
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

python3 - "$https" "$email" "$password" "$work/tiles.lua" <<'PY'
import http.client, json, ssl, sys, time, threading
port, email, password, lua = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl._create_unverified_context()
def call(method, path, body=None, token=None):
    c = http.client.HTTPSConnection("localhost", port, context=ctx)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    c.request(method, "/api" + path, None if body is None else json.dumps(body), headers)
    r = c.getresponse()
    return r.status, r.read()
token = json.loads(call("POST", "/auth/login", {"email": email, "password": password})[1])["accessToken"]
demo, t0 = None, time.perf_counter()
while demo is None and time.perf_counter() - t0 < 120:
    demo = next((d["id"] for d in json.loads(call("GET", "/datasources", token=token)[1]) if d.get("operatorDefined")), None)
    time.sleep(0.2)
region = "[[ AND region = {{region}} ]]"
queries = [
    ("Revenue by region", "bar", f"SELECT region, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY region ORDER BY region"),
    ("Revenue by category", "pie", f"SELECT category, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY category"),
    ("Orders per month", "line", f"SELECT FORMATDATETIME(ordered_on, 'yyyy-MM') AS order_month, count(DISTINCT order_id) AS orders FROM sales WHERE 1 = 1 {region} GROUP BY FORMATDATETIME(ordered_on, 'yyyy-MM') ORDER BY order_month"),
    ("Revenue per month", "area", f"SELECT FORMATDATETIME(ordered_on, 'yyyy-MM') AS order_month, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY FORMATDATETIME(ordered_on, 'yyyy-MM') ORDER BY order_month"),
    ("Total revenue", "number", f"SELECT sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region}"),
    ("Customers", "number", f"SELECT count(DISTINCT customer_id) AS customers FROM sales WHERE 1 = 1 {region}"),
    ("Top products", "table", f"SELECT product, sum(quantity) AS units, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY product ORDER BY revenue DESC LIMIT 10"),
    ("Channel by segment", "bar", f"SELECT segment, channel, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY segment, channel"),
    ("Quantity vs revenue", "scatter", f"SELECT quantity, avg(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY quantity ORDER BY quantity"),
    ("Revenue by country", "table", f"SELECT country, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY country ORDER BY revenue DESC"),
    ("Orders by status", "pie", f"SELECT status, count(DISTINCT order_id) AS orders FROM sales WHERE 1 = 1 {region} GROUP BY status"),
    ("Category by region", "pivot", f"SELECT region, category, sum(revenue) AS revenue FROM sales WHERE 1 = 1 {region} GROUP BY region, category"),
]
tiles = []
for i, (name, viz, sql) in enumerate(queries):
    status, body = call("POST", "/reports", {"name": name, "dataSourceId": demo, "sql": sql,
        "parameters": [{"name": "region", "type": "TEXT", "required": False}],
        "visualization": {"type": viz, "settings": {}}}, token)
    assert status == 201, body
    tiles.append({"id": f"t{i}", "kind": "report", "reportId": json.loads(body)["id"], "x": (i % 3) * 4, "y": (i // 3) * 4,
                  "w": 4, "h": 4, "parameterMap": {"region": "region"}})
status, body = call("POST", "/dashboards", {"name": "Bench", "filters": [{"name": "region", "label": "Region", "type": "TEXT"}],
                                            "tiles": tiles, "autoRefreshSeconds": 0}, token)
assert status == 201, body
dashboard = json.loads(body)["id"]

# Cold: all 12 tiles recomputed at once, as 12 browser requests in parallel.
results = [None] * len(tiles)
def run(i):
    s, b = call("POST", f"/dashboards/{dashboard}/tiles/t{i}/run", {"values": {}, "refresh": True}, token)
    assert s == 200, b
    results[i] = json.loads(b)
threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tiles))]
t = time.perf_counter()
for th in threads: th.start()
for th in threads: th.join()
wall = (time.perf_counter() - t) * 1000
total = sum(r["durationMillis"] for r in results)
print(f"== cold: 12 tiles recomputed at once: wall {wall:.0f} ms, sum of tile database times {total} ms, "
      f"slowest tile {max(r['durationMillis'] for r in results)} ms, parallelism {total / wall:.1f} ==")

with open(lua, "w") as f:
    f.write(f"""
local i = 0
request = function()
  i = (i % 12) + 1
  return wrk.format("POST", "/api/dashboards/{dashboard}/tiles/t" .. (i - 1) .. "/run",
    {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}"}}, '{{"values":{{}}}}')
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("per tile request: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\\n", latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
""")
PY
# Warm the JIT, then measure.
wrk -t2 -c"$CONNECTIONS" -d20s -s "$work/tiles.lua" "https://localhost:$https" >/dev/null
echo "== cached: 12-tile dashboard, $CONNECTIONS connections, ${SECONDS_} s =="
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" -s "$work/tiles.lua" "https://localhost:$https"
