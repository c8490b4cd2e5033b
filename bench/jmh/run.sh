#!/usr/bin/env bash
# JMH benchmarks of Sightline's hot spots. Needs the bundles installed: mvn -B -q install -DskipTests
#   bench/jmh/run.sh [JMH options, e.g. PasswordHashBenchmark]
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q package
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="target/classes:$(cat target/classpath.txt)"
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
