package io.sightline.driver.support;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsClientKeys;
import io.sightline.api.driver.TlsSettings;

/**
 * Checks of the fields every network data source has (SPEC DS-1, DS-7), and the forms a host takes
 * in a URL or a socket. Each refusal is an {@link InvalidConnectionOptionException} naming the field
 * ({@code host}, {@code port}, {@code database}, {@code user}, {@code connectTimeout},
 * {@code caCertificatePem}) so that the UI can mark it; the limits that differ between databases
 * (name lengths) are parameters.
 *
 * <p>Why here: the host ends up in a JDBC URL, and every driver must refuse the same tricks (a port,
 * path, parameters or a second host smuggled into it) in the same words. Stateless and thread-safe.
 */
public final class ConnectionSpecChecks {
    /** Longest connect timeout a data source may set. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
    /** Longest host name (DNS: 253 characters). */
    public static final int MAX_HOST = 253;
    private static final int MAX_CA_LENGTH = 64 * 1024;

    /** A DNS name or an IPv4 address: letters, digits, dots, hyphens and underscores, not at either end. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    /** What may be an IPv6 address, with or without brackets; {@link #isIpv6} decides. */
    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\\]?");

    private ConnectionSpecChecks() {}

    /** Whether {@code value} is null, empty or only whitespace. */
    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * A host name or an IP address, nothing else: no port, scheme, path, parameters, spaces or
     * control characters; IPv6 literals with or without brackets, without a zone.
     */
    public static void checkHost(String host) {
        if (isBlank(host)) {
            throw new InvalidConnectionOptionException("host", "Enter the host name or IP address of the database server.");
        }
        if (host.length() > MAX_HOST) {
            throw new InvalidConnectionOptionException("host",
                    "The host name is longer than " + MAX_HOST + " characters.");
        }
        if (host.indexOf('/') >= 0 || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidConnectionOptionException("host",
                    "Enter only the host name or IP address, without spaces, scheme or path (for example db.example.com).");
        }
        if (host.chars().filter(c -> c == ':').count() == 1) {
            throw new InvalidConnectionOptionException("host", "Enter the port in the port field, not after the host.");
        }
        if (!HOST_NAME.matcher(host).matches() && !isIpv6(host)) {
            throw new InvalidConnectionOptionException("host",
                    "The host may contain only letters, digits, dots, hyphens and underscores, or be an IP address.");
        }
    }

    /** An IPv6 literal, bracketed or not: parsed only, never looked up in DNS. */
    public static boolean isIpv6(String host) {
        Matcher m = IPV6.matcher(host);
        if (!m.matches() || host.startsWith("[") != host.endsWith("]")) {
            return false;
        }
        try {
            // In brackets InetAddress accepts only an IPv6 literal and asks no name server.
            InetAddress.getByName("[" + m.group(1) + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A TCP port: 1 to 65535. */
    public static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidConnectionOptionException("port", "The port must be a number from 1 to 65535.");
        }
    }

    /**
     * A required name (database, user) of at most {@code maxLength} characters, without control
     * characters.
     *
     * @param field the field to name in a refusal, e.g. {@code user}
     * @param what the field in words, e.g. {@code user name}
     */
    public static void checkName(String field, String value, String what, int maxLength) {
        if (isBlank(value)) {
            throw new InvalidConnectionOptionException(field, "Enter the " + what + ".");
        }
        if (value.length() > maxLength) {
            throw new InvalidConnectionOptionException(field,
                    "The " + what + " is longer than " + maxLength + " characters.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidConnectionOptionException(field, "The " + what + " contains control characters.");
        }
    }

    /**
     * A name whose server limit is in bytes (PostgreSQL truncates names to 63 bytes, so a longer one
     * would silently name another). {@code value} has passed {@link #checkName}.
     */
    public static void checkUtf8Length(String field, String value, String what, int maxBytes) {
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidConnectionOptionException(field,
                    "The " + what + " is longer than " + maxBytes + " bytes, the server's limit.");
        }
    }

    /** The connect timeout: 1 second to {@link #MAX_CONNECT_TIMEOUT}. */
    public static void checkConnectTimeout(ConnectionSpec spec) {
        Duration timeout = spec.connectTimeout();
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new InvalidConnectionOptionException("connectTimeout",
                    "The connect timeout must be from 1 to " + MAX_CONNECT_TIMEOUT.toSeconds() + " seconds.");
        }
    }

    /**
     * A certificate authority, when given, must be PEM text with at least one X.509 certificate; so
     * must a client certificate ({@link TlsClientKeys#certificates}, refused on
     * {@code clientCertificatePem}).
     */
    public static void checkTls(TlsSettings tls) {
        if (!isBlank(tls.clientCertificatePem())) {
            TlsClientKeys.certificates(tls.clientCertificatePem());
        }
        String pem = tls.caCertificatePem();
        if (isBlank(pem)) {
            return;
        }
        if (pem.length() > MAX_CA_LENGTH) {
            throw new InvalidConnectionOptionException("caCertificatePem",
                    "The CA certificate is longer than 64 KiB; paste only the certificate authority's certificates.");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidConnectionOptionException("caCertificatePem",
                    "The CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----.");
        }
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty()) {
                throw new CertificateException("no certificate");
            }
        } catch (CertificateException e) {
            throw new InvalidConnectionOptionException("caCertificatePem",
                    "The CA certificate could not be read as an X.509 certificate in PEM format.");
        }
    }

    /**
     * For drivers that cannot present a TLS client certificate without writing its key to disk:
     * refuses a client certificate on {@code clientKey} (the field an admin fills in last).
     *
     * @param product the database in words, e.g. {@code MariaDB}
     */
    public static void refuseClientCertificate(TlsSettings tls, String product) {
        if (!isBlank(tls.clientCertificatePem())) {
            throw new InvalidConnectionOptionException(TlsClientKeys.KEY, product + " data sources cannot use a TLS "
                    + "client certificate: client certificates are supported for PostgreSQL only for now.");
        }
    }

    /** Whether certificates are verified against the data source's own authority rather than the JVM's. */
    public static boolean hasCustomCa(TlsSettings tls) {
        return tls.mode() != TlsSettings.Mode.DISABLE && tls.mode() != TlsSettings.Mode.REQUIRE
                && !isBlank(tls.caCertificatePem());
    }

    /** The host as it goes into a URL: IPv6 addresses in brackets. */
    public static String urlHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The host as a socket wants it: IPv6 addresses without brackets. */
    public static String socketHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whole seconds, rounded up, at least 1: for vendor settings and login timeouts in seconds. */
    public static int seconds(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }
}
