package io.sightline.datasource.internal;

import java.time.Duration;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.driver.ConnectionSpec;

/** What the driver needs from a data source definition. */
final class Connect {
    static final Duration TIMEOUT = ConnectionSpec.DEFAULT_CONNECT_TIMEOUT;

    private Connect() {}

    static ConnectionSpec spec(DataSourceDefinition d) {
        return new ConnectionSpec(d.host(), d.port(), d.database(), d.user(), d.options(), d.tls(), TIMEOUT);
    }
}
