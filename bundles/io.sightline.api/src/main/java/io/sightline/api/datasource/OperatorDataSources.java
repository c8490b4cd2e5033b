package io.sightline.api.datasource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Data sources that ops define (in {@code etc/}), such as the demo data source (SPEC DS-1, P-9).
 * Unlike those created through the API, they may use a driver's embedded mode (inside the
 * server's embedded-database folder); the API and UI show them and may delete them, but never
 * change them. Thread-safe.
 */
@ProviderType
public interface OperatorDataSources {

    /**
     * Validates (as operator-defined), stores the definition and its password in the vault,
     * audits it as done by the system, and reads its metadata in the background.
     *
     * @param definition its {@code operatorDefined} flag must be set
     * @param password the database password; the array is cleared
     * @throws IllegalArgumentException when the driver refuses the definition ({@code field: message})
     * @throws DriverUnavailableException when its driver module is not installed
     */
    DataSourceDefinition define(DataSourceDefinition definition, char[] password);
}
