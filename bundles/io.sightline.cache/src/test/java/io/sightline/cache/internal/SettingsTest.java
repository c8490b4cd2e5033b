package io.sightline.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsGiveAStandaloneLoopbackNode() {
        Settings settings = Settings.from(TestConfig.defaults().withPort(5701));

        assertTrue(settings.standalone());
        assertEquals("127.0.0.1", settings.bindAddress().getHostAddress());
        assertEquals(256L * 1024 * 1024, settings.maxSizeBytes());
        assertEquals(Duration.ofHours(24), settings.maxTtl());
    }

    @Test
    void membersMayBeOneCommaSeparatedValueOrAList() {
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2"),
                Settings.from(TestConfig.defaults().withMembers("10.0.0.1:5701, 10.0.0.2")).members());
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2", "10.0.0.3"),
                Settings.from(TestConfig.defaults().withMembers("10.0.0.1:5701", " 10.0.0.2,10.0.0.3 ")).members());
        assertTrue(Settings.from(TestConfig.defaults().withMembers(" ")).standalone());
    }

    @Test
    void publicAddressesAreRefusedUnlessAllowed() {
        for (String address : List.of("203.0.113.5", "8.8.8.8", "0.0.0.0", "2001:db8::1")) {
            assertThrows(IllegalArgumentException.class,
                    () -> Settings.from(TestConfig.defaults().withBindAddress(address, false)), address);
            assertEquals(address.equals("0.0.0.0") ? "0.0.0.0" : address.contains(":") ? "2001:db8:0:0:0:0:0:1" : address,
                    Settings.from(TestConfig.defaults().withBindAddress(address, true)).bindAddress().getHostAddress());
        }
        for (String address : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.20", "169.254.3.4",
                "fe80::1", "fd12:3456::1")) {
            Settings.from(TestConfig.defaults().withBindAddress(address, false));
        }
    }

    @Test
    void privateMeansLoopbackSiteLocalLinkLocalOrUniqueLocal() throws UnknownHostException {
        assertTrue(Settings.isPrivate(InetAddress.getByName("fc00::1")));
        assertFalse(Settings.isPrivate(InetAddress.getByName("fe00::1")));
        assertFalse(Settings.isPrivate(InetAddress.getByName("100.64.0.1")));
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheKeyNamed() {
        assertMessage("max.ttl.hours", TestConfig.defaults().withMaxTtlHours(25));
        assertMessage("max.ttl.hours", TestConfig.defaults().withMaxTtlHours(0));
        assertMessage("max.size.per.node.mb", TestConfig.defaults().withMaxSizeMb(0));
        assertMessage("port", TestConfig.defaults().withPort(0));
        assertMessage("port", TestConfig.defaults().withPort(70000));
        assertMessage("bind.address", TestConfig.defaults().withBindAddress(" ", false));
        assertMessage("bind.address", TestConfig.defaults().withBindAddress("no-such-host.invalid", false));
    }

    @Test
    void aShorterMaximumTtlIsKept() {
        assertEquals(Duration.ofHours(1), Settings.from(TestConfig.defaults().withMaxTtlHours(1)).maxTtl());
    }

    private static void assertMessage(String key, TestConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.from(config));
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
