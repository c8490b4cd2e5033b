package io.sightline.datasource.internal;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.cache.ResultCache;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DriverUnavailableException;
import io.sightline.api.datasource.OperatorDataSources;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.rest.ApiException;
import io.sightline.api.vault.CredentialVault;

/**
 * Data sources of an organization: validation (fields, the driver's option allow-list, TLS and
 * SSH material), secrets kept in the vault, pools closed on change, connection tests, and
 * metadata read when a data source is saved (DS-5; later reads are the data source's
 * {@code SCHEMA_REFRESH} schedule, run by {@link SchemaRefreshJob}). Every change is audited.
 */
@Component(service = {DataSourceService.class, OperatorDataSources.class}, configurationPid = DataSourceService.PID)
@Designate(ocd = DataSourceConfig.class)
public class DataSourceService implements OperatorDataSources {
    static final String PID = "io.sightline.datasource";
    private static final Logger LOG = LoggerFactory.getLogger(DataSourceService.class);
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final Set<String> FIELDS = Set.of("host", "port", "database", "user", "tls");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DataSourceStore store;
    private final Drivers drivers;
    private final Pools pools;
    private final CredentialVault vault;
    private final Secrets secrets;
    /** Reads metadata after a save, off the request thread. */
    private final ExecutorService reader;
    private volatile AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ResultCache cache;

    @Activate
    public DataSourceService(@Reference DataSourceStore store, @Reference Drivers drivers, @Reference Pools pools,
            @Reference Secrets secrets) {
        this.store = store;
        this.drivers = drivers;
        this.pools = pools;
        this.secrets = secrets;
        this.vault = secrets.vault();
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sightline-metadata-read");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        reader.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditLog log) {
        audit = log;
    }

    void unsetAudit(AuditLog log) {
        if (audit == log) {
            audit = null;
        }
    }

    private void record(Caller caller, String action, String id, String details) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.by(caller, action, "datasource", id, details));
        }
    }

    // ---- reads ----

    List<DataSourceDefinition> list(Caller caller) {
        return store.list(caller.organizationId());
    }

    /** What was last read from each of the organization's data sources, by data source id (one query). */
    Map<String, Metadata.Read> summaries(Caller caller) {
        Map<String, Metadata.Read> summaries = new LinkedHashMap<>();
        store.summaries(caller.organizationId())
                .forEach((id, m) -> summaries.put(id, new Metadata.Read(m.readAt(), parse(m.summary(), Metadata.Summary.class))));
        return summaries;
    }

    DataSourceDefinition get(Caller caller, String id) {
        return store.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("No such data source."));
    }

    Optional<Metadata.Schema> schema(Caller caller, String id) {
        get(caller, id);
        return store.metadata(caller.organizationId(), id)
                .map(m -> new Metadata.Schema(m.readAt(), List.of(parse(m.schema(), SchemaInfo[].class))));
    }

    boolean secretSet(DataSourceDefinition d, String secret) {
        return vault.isSet(d.organizationId(), DataSourceDefinition.secretName(d.id(), secret));
    }

    // ---- changes ----

    DataSourceDefinition create(Caller caller, DataSourceInput input) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DataSourceDefinition definition = validate(caller, UUID.randomUUID().toString(), input, null, now, now, caller.userId());
        requireSshSecret(definition, input, null);
        try {
            store.create(definition);
        } catch (IllegalStateException taken) {
            throw new ApiException(409, "conflict", "A data source with this name exists.", "name");
        }
        writeSecrets(definition, input);
        record(caller, "datasource.create", definition.id(), "name=" + definition.name() + ", driver=" + definition.driver());
        refreshSoon(definition);
        return definition;
    }

    DataSourceDefinition update(Caller caller, String id, DataSourceInput input) {
        DataSourceDefinition old = get(caller, id);
        refuseOperatorDefined(old);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DataSourceDefinition definition = validate(caller, id, input, old, old.createdAt(), now, old.createdBy());
        requireSshSecret(definition, input, old);
        try {
            store.update(definition).orElseThrow(() -> ApiException.notFound("No such data source."));
        } catch (IllegalStateException taken) {
            throw new ApiException(409, "conflict", "A data source with this name exists.", "name");
        }
        List<String> changed = writeSecrets(definition, input);
        changed.addAll(changedFields(old, definition));
        pools.close(id);
        record(caller, "datasource.update", id, "fields: " + String.join(", ", changed));
        refreshSoon(definition);
        return definition;
    }

    private static void refuseOperatorDefined(DataSourceDefinition d) {
        if (d.operatorDefined()) {
            throw new ApiException(409, "operator_defined", "Ops defined this data source in etc/: it cannot be changed "
                    + "here. It can be deleted.", null);
        }
    }

    @Override
    public DataSourceDefinition define(DataSourceDefinition definition, char[] password) {
        try {
            if (!definition.operatorDefined()) {
                throw new IllegalArgumentException("operatorDefined: only for data sources ops define");
            }
            DatabaseDriver driver = drivers.get(definition.driver())
                    .orElseThrow(() -> new DriverUnavailableException(definition.driver()));
            try {
                driver.validate(Connect.spec(definition), true);
            } catch (InvalidConnectionOptionException e) {
                throw new IllegalArgumentException(e.option() + ": " + e.getMessage());
            }
            store.create(definition);
            if (password != null && password.length > 0) {
                vault.put(definition.organizationId(), DataSourceDefinition.secretName(definition.id(), DataSourceDefinition.PASSWORD), password);
            }
            AuditLog log = audit;
            if (log != null) {
                log.record(AuditEvent.now(definition.organizationId(), AuditEvent.SYSTEM, null, null, "datasource.create",
                        "datasource", definition.id(), "name=" + definition.name() + ", driver=" + definition.driver()
                                + ", defined by ops"));
            }
            refreshSoon(definition);
            return definition;
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    void delete(Caller caller, String id) {
        DataSourceDefinition old = get(caller, id);
        pools.close(id);
        store.delete(caller.organizationId(), id);
        vault.deleteAll(caller.organizationId(), DataSourceDefinition.secretPrefix(id));
        ResultCache c = cache;
        if (c != null) {
            try {
                c.evictPrefix(caller.organizationId() + "/" + id + "/"); // its cached results go with it (C-1)
            } catch (RuntimeException e) {
                LOG.warn("Could not drop the cached results of data source {}: {}", id, e.toString());
            }
        }
        record(caller, "datasource.delete", id, "name=" + old.name());
    }

    ConnectionTest.Result test(Caller caller, DataSourceInput input) {
        DataSourceDefinition stored = input.id() == null ? null : get(caller, input.id());
        Instant now = Instant.now();
        DataSourceDefinition definition = validate(caller, stored == null ? "unsaved" : stored.id(), input, stored, now, now, caller.userId());
        return test(definition, stored, input.password(), input.ssh(), input.tls() == null ? null : input.tls().clientKey());
    }

    ConnectionTest.Result test(Caller caller, String id) {
        DataSourceDefinition d = get(caller, id);
        return test(d, d, null, null, null);
    }

    /** Tests {@code d}; typed secrets win, the rest come from {@code stored} (null: an unsaved data source). */
    private ConnectionTest.Result test(DataSourceDefinition d, DataSourceDefinition stored, String typedPassword,
            DataSourceInput.Ssh typedSsh, String typedClientKey) {
        DatabaseDriver driver = driver(d.driver());
        DataSourceInput.Ssh ssh = typedSsh == null ? new DataSourceInput.Ssh(null, null, null, null, null, null, null) : typedSsh;
        ConnectionTest.Secrets plain = new ConnectionTest.Secrets(
                secret(typedPassword, stored, DataSourceDefinition.PASSWORD),
                d.ssh() == null ? null : new SshTunnel.Credentials(
                        secret(ssh.privateKey(), stored, DataSourceDefinition.SSH_PRIVATE_KEY),
                        secret(ssh.passphrase(), stored, DataSourceDefinition.SSH_PASSPHRASE),
                        secret(ssh.password(), stored, DataSourceDefinition.SSH_PASSWORD)),
                d.tls().hasClientCertificate()
                        ? secret(typedClientKey == null ? null : typedClientKey.strip(), stored, DataSourceDefinition.TLS_CLIENT_KEY)
                        : null);
        try {
            return ConnectionTest.run(driver, d, plain);
        } finally {
            plain.clear();
        }
    }

    /** Reads metadata now, through the pool (DS-5). */
    Metadata.Schema refresh(Caller caller, String id) {
        return refresh(get(caller, id));
    }

    /**
     * Reads {@code d}'s metadata now, through the pool (DS-5): the Refresh button and the schema
     * refresh schedule.
     *
     * @throws ApiException 409 when its driver is not installed, 502 when the database cannot be
     *     read; the message is the one a connection test shows, never a secret or a stack trace
     */
    Metadata.Schema refresh(DataSourceDefinition d) {
        try {
            return readMetadata(d);
        } catch (DriverUnavailableException e) {
            throw new ApiException(409, "driver_missing", e.getMessage(), "driver");
        } catch (Exception e) {
            DatabaseDriver driver = drivers.get(d.driver()).orElse(null);
            String message = e instanceof java.sql.SQLException sql && driver != null ? driver.explain(sql).message()
                    : "Could not read the schema: " + e.getClass().getSimpleName() + ".";
            throw new ApiException(502, "datasource_unreachable", message, null);
        }
    }

    private Metadata.Schema readMetadata(DataSourceDefinition d) throws Exception {
        DatabaseDriver driver = driver(d.driver());
        try (Connection connection = pools.connection(d)) {
            Metadata.Summary summary = new Metadata.Summary(driver.serverInfo(connection), driver.writeAccess(connection));
            List<SchemaInfo> schemas = driver.schema(connection);
            Instant readAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String summaryJson = JSON.writeValueAsString(summary);
            store.saveMetadata(d.organizationId(), d.id(), readAt, summaryJson.length() > 4000 ? null : summaryJson,
                    JSON.writeValueAsString(schemas));
            return new Metadata.Schema(readAt, schemas);
        }
    }

    private void refreshSoon(DataSourceDefinition d) {
        reader.execute(() -> {
            try {
                readMetadata(d);
            } catch (Exception e) {
                LOG.warn("Could not read metadata of data source {} ({}): {}", d.id(), d.driver(), e.getClass().getSimpleName());
            }
        });
    }

    // ---- validation ----

    private DatabaseDriver driver(String id) {
        return drivers.get(id).orElseThrow(() -> ApiException.badRequest("driver",
                "No driver module for '" + id + "' is installed. Ask ops to install sightline-driver-" + id + "."));
    }

    private DataSourceDefinition validate(Caller caller, String id, DataSourceInput in, DataSourceDefinition old,
            Instant createdAt, Instant updatedAt, String createdBy) {
        if (in == null) {
            throw ApiException.badRequest(null, "A JSON body is required.");
        }
        String name = text("name", in.name(), 200);
        String driverId = text("driver", in.driver(), 64);
        DatabaseDriver driver = driver(driverId);
        int port = in.port() == null ? driver.defaultPort() : in.port();
        TlsSettings tls = TlsInput.settings(in.tls(), driver, old == null ? null : old.tls().clientCertificatePem(),
                () -> old == null ? null
                : vault.open(old.organizationId(), DataSourceDefinition.secretName(old.id(), DataSourceDefinition.TLS_CLIENT_KEY)));
        DataSourceDefinition.SshTunnel ssh = ssh(in.ssh());
        int timeout = in.queryTimeoutSeconds() == null ? 120 : in.queryTimeoutSeconds();
        if (timeout < 1 || timeout > 3600) {
            throw ApiException.badRequest("queryTimeoutSeconds", "From 1 to 3600 seconds.");
        }
        int cacheTtl = in.cacheTtlSeconds() == null ? DataSourceDefinition.DEFAULT_CACHE_TTL_SECONDS : in.cacheTtlSeconds();
        if (cacheTtl < 0 || cacheTtl > DataSourceDefinition.MAX_CACHE_TTL_SECONDS) {
            throw ApiException.badRequest("cacheTtlSeconds", "From 0 (never cache) to 86400 seconds (24 hours).");
        }
        Map<String, String> options = in.options() == null ? Map.of() : in.options();
        DataSourceDefinition d = new DataSourceDefinition(id, caller.organizationId(), name, driverId,
                in.host() == null ? "" : in.host().strip(), port, in.database() == null ? "" : in.database().strip(),
                in.user() == null ? "" : in.user().strip(), options, tls, ssh,
                in.readOnlyEnforced() == null || in.readOnlyEnforced(), timeout, cacheTtl, false, createdBy, createdAt, updatedAt);
        try {
            driver.validate(Connect.spec(d), false);
        } catch (InvalidConnectionOptionException e) {
            String field = FIELDS.contains(e.option()) ? e.option()
                    : TlsInput.DRIVER_FIELDS.getOrDefault(e.option(), "options." + e.option());
            throw ApiException.badRequest(field, e.getMessage());
        }
        return d;
    }

    private static DataSourceDefinition.SshTunnel ssh(DataSourceInput.Ssh in) {
        if (in == null) {
            return null;
        }
        String host = text("ssh.host", in.host(), 253);
        if (!host.matches("[A-Za-z0-9._:-]+")) {
            throw ApiException.badRequest("ssh.host", "A host name or address.");
        }
        int port = in.port() == null ? 22 : in.port();
        if (port < 1 || port > 65535) {
            throw ApiException.badRequest("ssh.port", "From 1 to 65535.");
        }
        String user = text("ssh.user", in.user(), 200);
        String fingerprint = in.hostKeyFingerprint() == null || in.hostKeyFingerprint().isBlank() ? null : in.hostKeyFingerprint().strip();
        if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
            throw ApiException.badRequest("ssh.hostKeyFingerprint", "A key fingerprint like SHA256:… (43 characters after the colon).");
        }
        if (in.privateKey() != null && !in.privateKey().isEmpty()
                && !SshTunnel.readable(in.privateKey().toCharArray(), in.passphrase() == null ? null : in.passphrase().toCharArray())) {
            throw ApiException.badRequest("ssh.privateKey", "Not a readable private key (OpenSSH or PEM), or the passphrase is wrong.");
        }
        return new DataSourceDefinition.SshTunnel(host, port, user, fingerprint);
    }

    /** Saving needs a confirmed host key and a way to sign in to the SSH hop. */
    private void requireSshSecret(DataSourceDefinition d, DataSourceInput in, DataSourceDefinition old) {
        if (d.ssh() == null) {
            return;
        }
        if (d.ssh().hostKeyFingerprint() == null) {
            throw ApiException.badRequest("ssh.hostKeyFingerprint", "Test the connection and confirm the SSH server's key first.");
        }
        boolean key = willBeSet(in.ssh().privateKey(), old, DataSourceDefinition.SSH_PRIVATE_KEY);
        boolean password = willBeSet(in.ssh().password(), old, DataSourceDefinition.SSH_PASSWORD);
        if (!key && !password) {
            throw ApiException.badRequest("ssh.privateKey", "Give a private key or a password for the SSH user.");
        }
    }

    private boolean willBeSet(String value, DataSourceDefinition old, String secret) {
        if (value != null) {
            return !value.isEmpty();
        }
        return old != null && secretSet(old, secret);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "Required.");
        }
        if (value.strip().length() > max) {
            throw ApiException.badRequest(field, "At most " + max + " characters.");
        }
        return value.strip();
    }

    // ---- secrets ----

    /** Writes the secrets the input replaces or removes; answers which changed (names only). */
    private List<String> writeSecrets(DataSourceDefinition d, DataSourceInput in) {
        List<String> changed = new ArrayList<>();
        writeSecret(d, DataSourceDefinition.PASSWORD, DataSourceDefinition.PASSWORD, in.password(), changed);
        if (d.tls().clientCertificatePem() != null) {
            String key = in.tls() == null || in.tls().clientKey() == null ? null : in.tls().clientKey().strip();
            writeSecret(d, DataSourceDefinition.TLS_CLIENT_KEY, TlsInput.KEY, key, changed);
        } else if (secretSet(d, DataSourceDefinition.TLS_CLIENT_KEY)) {
            // no client certificate any more: its key goes too
            vault.delete(d.organizationId(), DataSourceDefinition.secretName(d.id(), DataSourceDefinition.TLS_CLIENT_KEY));
            changed.add(TlsInput.KEY + " (removed)");
        }
        if (in.ssh() != null) {
            writeSecret(d, DataSourceDefinition.SSH_PRIVATE_KEY, DataSourceDefinition.SSH_PRIVATE_KEY, in.ssh().privateKey(), changed);
            writeSecret(d, DataSourceDefinition.SSH_PASSPHRASE, DataSourceDefinition.SSH_PASSPHRASE, in.ssh().passphrase(), changed);
            writeSecret(d, DataSourceDefinition.SSH_PASSWORD, DataSourceDefinition.SSH_PASSWORD, in.ssh().password(), changed);
        } else {
            for (String s : List.of(DataSourceDefinition.SSH_PRIVATE_KEY, DataSourceDefinition.SSH_PASSPHRASE, DataSourceDefinition.SSH_PASSWORD)) {
                if (secretSet(d, s)) {
                    vault.delete(d.organizationId(), DataSourceDefinition.secretName(d.id(), s));
                    changed.add(s + " (removed)");
                }
            }
        }
        return changed;
    }

    /** Writes one secret; {@code label} names it in the audit log's list of changes, never its value. */
    private void writeSecret(DataSourceDefinition d, String secret, String label, String value, List<String> changed) {
        if (value == null) {
            return;
        }
        String name = DataSourceDefinition.secretName(d.id(), secret);
        if (value.isEmpty()) {
            vault.delete(d.organizationId(), name);
            changed.add(label + " (removed)");
        } else {
            char[] plain = value.toCharArray();
            try {
                vault.put(d.organizationId(), name, plain);
            } finally {
                java.util.Arrays.fill(plain, '\0');
            }
            changed.add(label + " (replaced)");
        }
    }

    /** A secret for a test: the typed value, else the stored one (of the data source being edited). */
    private char[] secret(String typed, DataSourceDefinition stored, String secret) {
        if (typed != null) {
            return typed.isEmpty() ? null : typed.toCharArray();
        }
        return stored == null ? null : vault.open(stored.organizationId(), DataSourceDefinition.secretName(stored.id(), secret));
    }

    private static List<String> changedFields(DataSourceDefinition a, DataSourceDefinition b) {
        List<String> changed = new ArrayList<>();
        if (!a.name().equals(b.name())) changed.add("name");
        if (!a.driver().equals(b.driver())) changed.add("driver");
        if (!a.host().equals(b.host())) changed.add("host");
        if (a.port() != b.port()) changed.add("port");
        if (!a.database().equals(b.database())) changed.add("database");
        if (!a.user().equals(b.user())) changed.add("user");
        if (!a.options().equals(b.options())) changed.add("options");
        if (!a.tls().equals(b.tls())) changed.add("tls");
        if (!java.util.Objects.equals(a.ssh(), b.ssh())) changed.add("ssh");
        if (a.readOnlyEnforced() != b.readOnlyEnforced()) changed.add("readOnlyEnforced");
        if (a.queryTimeoutSeconds() != b.queryTimeoutSeconds()) changed.add("queryTimeoutSeconds");
        if (a.cacheTtlSeconds() != b.cacheTtlSeconds()) changed.add("cacheTtlSeconds");
        return changed;
    }

    private static <T> T parse(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            LOG.warn("Stored data source metadata could not be read ({}); it is read again on the next refresh", e.getClass().getSimpleName());
            return null;
        }
    }
}
