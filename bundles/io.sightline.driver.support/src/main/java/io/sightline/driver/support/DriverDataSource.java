package io.sightline.driver.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.PasswordSource;

/**
 * The part of a driver's {@link DataSource} that is the same for every database: it connects only as
 * the data source's own user, keeps no log writer (the vendor's could print connection details),
 * ignores login timeouts set by a pool (the data source's connect timeout applies) and wraps nothing.
 * A subclass implements {@link #getConnection()}: one new physical connection per call, which the
 * caller pools.
 *
 * <p>Why here: each driver's data source needs this boilerplate, and must behave the same towards
 * the pool. Subclasses must stay thread-safe: nothing changes after construction, and the password
 * is asked for at each connection ({@link #askPassword}), as is a TLS client key ({@link #askClientKey}).
 */
public abstract class DriverDataSource implements DataSource {
    private final ConnectionSpec spec;
    private final PasswordSource password;

    /**
     * @param spec the data source, validated by the driver
     * @param password asked for the password at each new connection; may be null (no password)
     */
    protected DriverDataSource(ConnectionSpec spec, PasswordSource password) {
        this.spec = spec;
        this.password = password;
    }

    /** The data source this connects to. */
    protected final ConnectionSpec spec() {
        return spec;
    }

    /**
     * The password, asked for now, or null when the data source has none. The caller clears the
     * array ({@code Arrays.fill(secret, '\0')}) as soon as the vendor has it.
     */
    protected final char[] askPassword() {
        return password == null ? null : password.password();
    }

    /**
     * The TLS client certificate's private key (PEM), asked for now, or null when there is none.
     * Only for drivers that support client certificates; the caller clears the array as soon as it
     * has read the key.
     */
    protected final char[] askClientKey() {
        return password == null ? null : password.tlsClientKey();
    }

    /** Always this data source's user; another user is another data source. */
    @Override
    public final Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("A Sightline data source connects only as its own user.");
    }

    @Override
    public final PrintWriter getLogWriter() {
        return null;
    }

    /** Ignored: the vendor's log writer could print connection details. */
    @Override
    public final void setLogWriter(PrintWriter out) {
        // see above
    }

    /** Ignored: the connect timeout is the data source's own (pools call this with theirs). */
    @Override
    public final void setLoginTimeout(int seconds) {
        // see above
    }

    /** The data source's connect timeout in whole seconds, rounded up. */
    @Override
    public final int getLoginTimeout() {
        return ConnectionSpecChecks.seconds(spec.connectTimeout());
    }

    @Override
    public final Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
