package io.sightline.store.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.driver.TlsSettings;

/** A data source without its secrets, and its last metadata; organization-scoped. */
@Entity(name = "DataSource")
@Table(name = "datasources")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class DataSourceEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 64)
    private String driver;

    @Column(nullable = false, length = 253)
    private String host;

    @Column(nullable = false)
    private int port;

    @Column(name = "database_name", nullable = false, length = 1000)
    private String database;

    @Column(name = "user_name", nullable = false, length = 200)
    private String user;

    @Column(nullable = false, length = 8000)
    private String options;

    @Column(name = "tls_mode", nullable = false, length = 16)
    private String tlsMode;

    @Column(name = "tls_ca_pem", length = 32000)
    private String tlsCaPem;

    /** Public; the certificate's private key is in the vault only. */
    @Column(name = "tls_client_cert_pem", length = 32000)
    private String tlsClientCertPem;

    @Column(name = "ssh_host", length = 253)
    private String sshHost;

    @Column(name = "ssh_port")
    private Integer sshPort;

    @Column(name = "ssh_user", length = 200)
    private String sshUser;

    @Column(name = "ssh_host_key", length = 200)
    private String sshHostKey;

    @Column(name = "read_only_enforced", nullable = false)
    private boolean readOnlyEnforced;

    @Column(name = "query_timeout_seconds", nullable = false)
    private int queryTimeoutSeconds;

    @Column(name = "cache_ttl_seconds", nullable = false)
    private int cacheTtlSeconds;

    @Column(name = "operator_defined", nullable = false)
    private boolean operatorDefined;

    @Column(name = "created_by", nullable = false, length = 36)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "metadata_read_at")
    private Instant metadataReadAt;

    @Column(name = "metadata_summary", length = 4000)
    private String metadataSummary;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "metadata")
    private String metadata;

    protected DataSourceEntity() {}

    DataSourceEntity(DataSourceDefinition d) {
        this.id = d.id();
        this.createdBy = d.createdBy();
        this.createdAt = d.createdAt();
        this.operatorDefined = d.operatorDefined();
        update(d);
    }

    void update(DataSourceDefinition d) {
        this.name = d.name();
        this.driver = d.driver();
        this.host = d.host();
        this.port = d.port();
        this.database = d.database();
        this.user = d.user();
        this.options = encode(d.options());
        this.tlsMode = d.tls().mode().name();
        this.tlsCaPem = d.tls().caCertificatePem();
        this.tlsClientCertPem = d.tls().clientCertificatePem();
        DataSourceDefinition.SshTunnel ssh = d.ssh();
        this.sshHost = ssh == null ? null : ssh.host();
        this.sshPort = ssh == null ? null : ssh.port();
        this.sshUser = ssh == null ? null : ssh.user();
        this.sshHostKey = ssh == null ? null : ssh.hostKeyFingerprint();
        this.readOnlyEnforced = d.readOnlyEnforced();
        this.queryTimeoutSeconds = d.queryTimeoutSeconds();
        this.cacheTtlSeconds = d.cacheTtlSeconds();
        this.updatedAt = d.updatedAt();
    }

    String metadataSummary() {
        return metadataSummary;
    }

    Instant metadataReadAt() {
        return metadataReadAt;
    }

    String metadata() {
        return metadata;
    }

    DataSourceDefinition toRecord(String organizationId) {
        return new DataSourceDefinition(id, organizationId, name, driver, host, port, database, user, decode(options),
                new TlsSettings(TlsSettings.Mode.valueOf(tlsMode), tlsCaPem, tlsClientCertPem),
                sshHost == null ? null : new DataSourceDefinition.SshTunnel(sshHost, sshPort, sshUser, sshHostKey),
                readOnlyEnforced, queryTimeoutSeconds, cacheTtlSeconds, operatorDefined, createdBy, createdAt, updatedAt);
    }

    /** Options as {@code key=value&…}, form-encoded and sorted, so the column needs no JSON library. */
    static String encode(Map<String, String> options) {
        return new TreeMap<>(options).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return options;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            options.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return options;
    }
}
