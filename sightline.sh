#!/usr/bin/env bash
# Sightline's two commands.
#   ./sightline.sh run    build if needed, then start the server in the foreground
#   ./sightline.sh test   install what the tests need, then run every test
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VERSION=0.1.0-SNAPSHOT
TARBALL="$ROOT/karaf-assembly/target/sightline-karaf-assembly-$VERSION.tar.gz"
RUN_DIR="$ROOT/run/sightline"

if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    export JAVA_HOME
fi

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The browser tests drive Debian's Chromium through its ChromeDriver.
ensure_chromium() {
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
        return
    fi
    echo "Installing chromium and chromium-driver (Debian packages) for the browser tests..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver fonts-dejavu-core >/dev/null
}

# PostgreSQL and MariaDB stand in for customer databases in the tests.
ensure_databases() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        echo "Starting PostgreSQL..."
        as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    fi
    if ! mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
        echo "Starting MariaDB..."
        as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    fi
    for _ in $(seq 1 60); do
        if pg_isready -q -h 127.0.0.1 -p 5432 && mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
            return
        fi
        sleep 1
    done
    echo "PostgreSQL or MariaDB did not come up on 127.0.0.1 (5432, 3306)" >&2
    exit 1
}

needs_build() {
    [ ! -f "$TARBALL" ] && return 0
    [ -n "$(find pom.xml bundles features ui karaf-assembly/pom.xml karaf-assembly/src/main/assembly \
        -newer "$TARBALL" -type f -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit)" ]
}

cfg_value() { # file key
    sed -n "s/^$2 *= *//p" "$1" | tail -1
}

run() {
    if needs_build; then
        echo "Building Sightline (tests not compiled; ./sightline.sh test runs them)..."
        # Skipping test compilation and building modules two at a time cut a clean build
        # from 184 s to 53 s on a 2-core machine (docs/benchmarks.md).
        mvn -B -q install -Dmaven.test.skip=true -T 2
    fi
    if [ ! -d "$RUN_DIR" ]; then
        mkdir -p "$ROOT/run"
        tar xzf "$TARBALL" -C "$ROOT/run"
        mv "$ROOT/run/sightline-karaf-assembly-$VERSION" "$RUN_DIR"
    else
        # Keep etc/ (certificate, keys, settings) and the platform database in data/;
        # take the new build's programs and bundles, and let Karaf re-read them.
        tmp=$(mktemp -d)
        tar xzf "$TARBALL" -C "$tmp"
        new="$tmp/sightline-karaf-assembly-$VERSION"
        rm -rf "$RUN_DIR/system" "$RUN_DIR/lib" "$RUN_DIR/bin" "$RUN_DIR/data/cache" "$RUN_DIR/data/tmp"
        cp -r "$new/system" "$new/lib" "$new/bin" "$RUN_DIR/"
        cp -rn "$new/etc/." "$RUN_DIR/etc/"
        rm -rf "$tmp"
    fi
    local cfg="$RUN_DIR/etc/org.ops4j.pax.web.cfg"
    cat <<BANNER

  Sightline is starting. Open  https://localhost:$(cfg_value "$cfg" org.osgi.service.http.port.secure)/
  (the certificate is self-signed on first start: accept it in the browser, or put your own in etc/)
  Server home: $RUN_DIR   logs: $RUN_DIR/data/log/karaf.log   stop: Ctrl+C

BANNER
    exec "$RUN_DIR/bin/karaf" server
}

test_all() {
    ensure_chromium
    ensure_databases
    mvn -B clean install
}

case "${1:-}" in
    run) run ;;
    test) test_all ;;
    *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
