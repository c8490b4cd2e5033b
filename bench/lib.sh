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
