package io.sightline.cache.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;

/** A {@link CacheConfig} as ConfigAdmin would give it, with the defaults except a free port. */
record TestConfig(String cluster_name, String[] members, String bind_address, int port, int max_size_per_node_mb,
        int max_ttl_hours, boolean allow_public_address) implements CacheConfig {

    static TestConfig defaults() {
        return new TestConfig("sightline-test", new String[0], "127.0.0.1", freePort(), 256, 24, false);
    }

    TestConfig withMembers(String... members) {
        return new TestConfig(cluster_name, members, bind_address, port, max_size_per_node_mb, max_ttl_hours, allow_public_address);
    }

    TestConfig withPort(int port) {
        return new TestConfig(cluster_name, members, bind_address, port, max_size_per_node_mb, max_ttl_hours, allow_public_address);
    }

    TestConfig withBindAddress(String address, boolean allowPublic) {
        return new TestConfig(cluster_name, members, address, port, max_size_per_node_mb, max_ttl_hours, allowPublic);
    }

    TestConfig withMaxSizeMb(int mb) {
        return new TestConfig(cluster_name, members, bind_address, port, mb, max_ttl_hours, allow_public_address);
    }

    TestConfig withMaxTtlHours(int hours) {
        return new TestConfig(cluster_name, members, bind_address, port, max_size_per_node_mb, hours, allow_public_address);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return CacheConfig.class;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
