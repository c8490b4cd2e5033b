#!/usr/bin/env bash
# Shared by the benchmark scripts: a fresh distribution on free ports.
TARBALL=karaf-assembly/target/sightline-karaf-assembly-0.1.0-SNAPSHOT.tar.gz
[ -f "$TARBALL" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# unpack_fresh DIR: unpacks the distribution into DIR, gives it free ports; sets $home and $https.
unpack_fresh() {
    tar xzf "$TARBALL" -C "$1"
    home="$1/sightline-karaf-assembly-0.1.0-SNAPSHOT"
    https=$(free_port)
    sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $(free_port)/; s/^org.osgi.service.http.port.secure = .*/org.osgi.service.http.port.secure = $https/" "$home/etc/org.ops4j.pax.web.cfg"
    sed -i "s/^sshPort = .*/sshPort = $(free_port)/" "$home/etc/org.apache.karaf.shell.cfg"
}

# stop_and_remove DIR: stops the server unpacked in DIR and deletes DIR.
stop_and_remove() {
    "$home/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do pgrep -f "$home" >/dev/null || break; sleep 0.1; done
    pkill -f "$home" 2>/dev/null || true
    rm -rf "$1"
}

# await_healthy: waits (60 s at most) until $base/health answers 200.
await_healthy() {
    for _ in $(seq 1 600); do
        [ "$(curl -sk -o /dev/null -w '%{http_code}' "$base/health")" = 200 ] && return 0
        sleep 0.1
    done
    echo "no healthy server at $base" >&2; exit 1
}

# log_token PAGE: the token of the newest /PAGE?token=… link in the server log, waiting up to 30 s.
log_token() {
    local token=""
    for _ in $(seq 1 300); do
        token=$(grep -o "$1?token=[A-Za-z0-9_-]*" "$home/data/log/karaf.log" | tail -1 | cut -d= -f2 || true)
        [ -n "$token" ] && { echo "$token"; return 0; }
        sleep 0.1
    done
    echo "no /$1 link in the log" >&2; exit 1
}

# signup_and_confirm EMAIL PASSWORD: a confirmed Owner account. On a fresh distribution the first
# one is created through the one-time setup (SPEC A-10) with the token the server printed into its
# log; later ones sign up, and, with no SMTP configured, confirm through the link in the log (A-11).
signup_and_confirm() {
    local code token
    if curl -sk "$base/setup" | grep -q '"required":true'; then
        token=$(log_token setup) || exit 1
        code=$(curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
            -d "{\"token\":\"$token\",\"email\":\"$1\",\"password\":\"$2\",\"displayName\":\"Bench\",\"organizationName\":\"Bench\"}" "$base/setup")
        [ "$code" = 200 ] || { echo "setup answered $code" >&2; exit 1; }
        return 0
    fi
    code=$(curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$2\",\"displayName\":\"Bench\",\"organizationName\":\"Bench\"}" "$base/auth/signup")
    [ "$code" = 202 ] || { echo "sign-up answered $code" >&2; exit 1; }
    token=$(log_token confirm) || exit 1
    curl -sk -o /dev/null -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" "$base/auth/confirm"
}
