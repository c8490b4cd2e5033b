package io.sightline.auth.internal;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one argon2id hash with the auth module's real {@link PasswordHasher}: the default
 * parameters (19456 KiB, 2 iterations, 1 lane) must land between 50 and 250 ms on the project's
 * machine (issue 3). Lives in the bundle's package to reach the package-private class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordHashBenchmark {
    @Param({"19456:2", "19456:3", "47104:1"})
    String parameters;

    private PasswordHasher hasher;
    private String stored;

    @Setup
    public void setUp() {
        String[] p = parameters.split(":");
        hasher = new PasswordHasher(Integer.parseInt(p[0]), Integer.parseInt(p[1]), 1);
        stored = hasher.hash("violet-tractor-harbour-93");
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify("violet-tractor-harbour-93", stored);
    }
}
