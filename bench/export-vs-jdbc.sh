#!/usr/bin/env bash
# CSV export of N rows from PostgreSQL through Sightline (SPEC Q-4), with the server's heap held to
# -Xmx256m, against a plain JDBC read of the same rows in the same run (bench/java/JdbcRead.java).
# Prints both rates, their ratio, and the server's resident memory during the export.
#   bench/export-vs-jdbc.sh [ROWS]   (after mvn -B install -DskipTests; PostgreSQL on 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
. bench/lib.sh
SQL="SELECT n, 'row ' || n AS label, n * 1.5 AS amount, DATE '2025-01-01' + (n % 700) AS day FROM generate_series(1, $ROWS) n"

work=$(mktemp -d)
unpack_fresh "$work"
trap 'stop_and_remove "$work"' EXIT
JAVA_MAX_MEM=256m "$home/bin/start" >/dev/null
base="https://localhost:$https/api"
await_healthy
email="bench@example.com"; password="violet-tractor-harbour-93"
signup_and_confirm "$email" "$password"

python3 - "$https" "$email" "$password" "$ROWS" "$home" "$SQL" <<'PY'
import http.client, json, ssl, subprocess, sys, time
port, email, password, rows, home, sql = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
context = ssl._create_unverified_context()  # the server's own self-signed certificate, on localhost
connection = http.client.HTTPSConnection("localhost", port, context=context)
def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, "/api" + path, None if body is None else json.dumps(body), headers)
    response = connection.getresponse()
    return response.status, response.read()
status, body = call("POST", "/auth/login", {"email": email, "password": password})
token = json.loads(body)["accessToken"]
status, body = call("POST", "/datasources", {"name": "Bench PG", "driver": "postgresql", "host": "127.0.0.1", "port": 5432,
                                             "database": "test", "user": "postgres", "password": ""}, token)
assert status == 201, body
ds = json.loads(body)["id"]
pid = open(home + "/karaf.pid").read().strip()
def rss():
    return int(subprocess.check_output(["ps", "-o", "rss=", "-p", pid]).decode()) / 1024
for label in ("warm-up", "measured"):
    before = rss(); peak = before
    start = time.perf_counter()
    connection.request("POST", "/api/queries/export?format=csv", json.dumps({"dataSourceId": ds, "sql": sql}),
                       {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    response = connection.getresponse()
    assert response.status == 200, response.read()
    size = lines = 0
    while True:
        chunk = response.read(1 << 20)
        if not chunk:
            break
        size += len(chunk); lines += chunk.count(b"\n")
        peak = max(peak, rss())
    took = time.perf_counter() - start
    assert lines == rows + 1, lines
    if label == "measured":
        print(f"Sightline CSV export (-Xmx256m): {rows:,} rows, {size / 1e6:.0f} MB in {took:.1f} s, {rows / took:,.0f} rows/s; "
              f"server RSS {before:.0f} MB before, {peak:.0f} MB at most")
        open("/tmp/sightline-export-rate", "w").write(str(rows / took))
PY
jar=$(ls "$home"/system/org/postgresql/postgresql/*/postgresql-*.jar | head -1)
"$JAVA_HOME/bin/java" -cp "$jar" bench/java/JdbcRead.java "$SQL" | tee /tmp/sightline-jdbc-rate.txt
python3 - <<'PY'
import re
export = float(open("/tmp/sightline-export-rate").read())
jdbc = float(re.search(r"([\d,]+) rows/s", open("/tmp/sightline-jdbc-rate.txt").read()).group(1).replace(",", ""))
print(f"export / plain JDBC = {export / jdbc:.0%}")
PY
