package io.sightline.cache.internal;

import static io.sightline.cache.internal.HazelcastResultCacheTest.awaitTrue;
import static io.sightline.cache.internal.HazelcastResultCacheTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.Hazelcast;

import io.sightline.api.cache.CacheStats;

/** Starting, stopping and clustering real members (SPEC C-1, C-2, P-6). */
class CacheLifecycleTest {

    @AfterEach
    void nothingLeaks() {
        // a failed test must not leave members behind for the next one
        boolean clean = Hazelcast.getAllHazelcastInstances().isEmpty();
        Hazelcast.shutdownAll();
        assertTrue(clean, "a Hazelcast member was left running");
    }

    @Test
    void deactivateShutsTheMemberDownAndFreesItsPortAndAStartAfterwardsWorks() throws IOException {
        TestConfig config = TestConfig.defaults();
        HazelcastResultCache first = new HazelcastResultCache(config);
        first.put("org1/ds1/a", bytes("v"), Duration.ofMinutes(5));
        int port = first.hazelcast().getCluster().getLocalMember().getAddress().getPort();
        assertEquals(config.port(), port);

        first.deactivate();

        assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty());
        assertFalse(first.health().up());
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port)); // fails if the member still listened
        }
        // a stopped cache answers "miss" rather than failing the query that asked
        assertTrue(first.get("org1/ds1/a").isEmpty());

        // hot swap: the bundle starts again on the same port, with an empty cache (memory only)
        HazelcastResultCache second = new HazelcastResultCache(config);
        try {
            assertEquals(port, second.hazelcast().getCluster().getLocalMember().getAddress().getPort());
            assertTrue(second.get("org1/ds1/a").isEmpty());
            assertTrue(second.health().up());
        } finally {
            second.deactivate();
        }
    }

    @Test
    void theMemberListensOnItsBindAddressOnly() throws IOException {
        Optional<InetAddress> other = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && a.getAddress().length == 4)
                .findFirst();
        Assumptions.assumeTrue(other.isPresent(), "this host has no non-loopback IPv4 address to try");
        HazelcastResultCache cache = new HazelcastResultCache(TestConfig.defaults());
        try {
            int port = cache.hazelcast().getCluster().getLocalMember().getAddress().getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other.get(), port), 2000);
                }
            }, "reachable on " + other.get().getHostAddress());
        } finally {
            cache.deactivate();
        }
    }

    @Test
    void aPublicBindAddressIsRefusedBeforeAnyMemberStarts() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new HazelcastResultCache(TestConfig.defaults().withBindAddress("203.0.113.5", false)));

        assertTrue(refused.getMessage().contains("203.0.113.5 is not a loopback or private address"), refused.getMessage());
        assertTrue(refused.getMessage().contains("allow.public.address"), refused.getMessage());
        assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty());
    }

    @Test
    void twoMembersFormOneClusterAndShareEntries() {
        TestConfig a = TestConfig.defaults();
        TestConfig b = TestConfig.defaults();
        String members = "127.0.0.1:" + a.port() + ",127.0.0.1:" + b.port();
        HazelcastResultCache first = new HazelcastResultCache(a.withMembers(members));
        HazelcastResultCache second = null;
        try {
            second = new HazelcastResultCache(b.withMembers(members));
            HazelcastResultCache joined = second;
            awaitTrue(() -> first.hazelcast().getCluster().getMembers().size() == 2, Duration.ofSeconds(30));
            assertEquals("member running, cluster ACTIVE with 2 member(s)", second.health().message());

            for (int i = 0; i < 20; i++) {
                first.put("org1/ds1/" + i, bytes("from first " + i), Duration.ofMinutes(5));
            }
            second.put("org1/ds2/x", bytes("from second"), Duration.ofMinutes(5));

            assertArrayEquals(bytes("from first 7"), second.get("org1/ds1/7").orElseThrow().value());
            assertArrayEquals(bytes("from second"), first.get("org1/ds2/x").orElseThrow().value());
            // entries are spread over both members
            CacheStats one = first.stats();
            CacheStats two = second.stats();
            assertEquals(21, one.entries() + two.entries(), one + " " + two);

            // an eviction on one node drops the entries wherever they live
            assertEquals(20, second.evictPrefix("org1/ds1/"));
            assertTrue(first.get("org1/ds1/7").isEmpty());

            // a node leaving hands its entries over (backup count 1): the other still has them
            first.deactivate();
            awaitTrue(() -> joined.hazelcast().getCluster().getMembers().size() == 1, Duration.ofSeconds(30));
            assertArrayEquals(bytes("from second"), second.get("org1/ds2/x").orElseThrow().value());
        } finally {
            first.deactivate(); // a second shutdown does nothing
            if (second != null) {
                second.deactivate();
            }
        }
    }

    @Test
    void eachNodeKeepsItsResultsUnderItsMaximumSize() {
        HazelcastResultCache cache = new HazelcastResultCache(TestConfig.defaults().withMaxSizeMb(1));
        try {
            cache.put("org1/ds1/huge", new byte[2 * 1024 * 1024], Duration.ofMinutes(5));
            assertFalse(cache.map().containsKey("org1/ds1/huge"), "a result larger than the maximum was stored");

            for (int i = 0; i < 40; i++) {
                cache.put("org1/ds1/" + i, new byte[100_000], Duration.ofMinutes(5));
            }
            CacheStats stats = cache.stats();
            // About 1 MB stays. Hazelcast evicts within the partition a put lands in (LRU among a sample),
            // so which entries went is not predictable, only that the node stays within its bound.
            assertTrue(stats.ownedBytes() <= 1024 * 1024 + 200_000, stats::toString);
            assertTrue(stats.entries() < 40, stats::toString);
        } finally {
            cache.deactivate();
        }
    }
}
