package io.sightline.driver.postgresql.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * pgjdbc's {@code sslfactory} for a data source with a TLS client certificate (DS-3, V-1): pgjdbc
 * reads client keys only from files ({@code sslcert}, {@code sslkey}), and the key must never be
 * written to disk. So the data source builds an {@link SSLContext} in memory ({@link ClientTlsContext})
 * for one connection attempt, {@linkplain #register registers} it under a random handle, and names
 * this class and the handle ({@code sslfactoryarg}) in the connection properties; pgjdbc
 * instantiates this class with those properties and this class hands out the registered context's
 * sockets. The registration ends as soon as the attempt does.
 *
 * <p>Class loading: pgjdbc loads the class by name ({@code ClassLoaderStrategy} DRIVER_FIRST: its own
 * class loader, then the thread's context class loader). Its bundle cannot see this one (no
 * DynamicImport-Package), so the data source makes its own bundle's class loader the context class
 * loader while it connects; pgjdbc's connect thread inherits it. Must stay public with a public
 * constructor taking {@link Properties}.
 *
 * <p>Thread-safe: the registry is concurrent, each instance serves one connection attempt.
 */
public final class ClientCertificateSslFactory extends SSLSocketFactory {
    static final String HANDLE_PROPERTY = "sslfactoryarg";
    private static final Map<String, SSLSocketFactory> PENDING = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SSLSocketFactory delegate;

    /** Called by pgjdbc with the connection's properties, whose {@code sslfactoryarg} is the handle. */
    public ClientCertificateSslFactory(Properties info) {
        String handle = info.getProperty(HANDLE_PROPERTY);
        SSLSocketFactory registered = handle == null ? null : PENDING.get(handle);
        if (registered == null) {
            throw new IllegalStateException("No TLS client certificate was prepared for this connection.");
        }
        this.delegate = registered;
    }

    /** A context registered for one connection attempt; closing ends the registration. */
    record Registration(String handle) implements AutoCloseable {
        @Override
        public void close() {
            PENDING.remove(handle);
        }

        @Override
        public String toString() {
            return "Registration[…]";
        }
    }

    /** Registers {@code context} under a new random handle until the registration is closed. */
    static Registration register(SSLContext context) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String handle = HexFormat.of().formatHex(bytes);
        PENDING.put(handle, context.getSocketFactory());
        return new Registration(handle);
    }

    /** How many contexts are registered now (tests: none after an attempt). */
    static int pending() {
        return PENDING.size();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket() throws IOException {
        return delegate.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }
}
