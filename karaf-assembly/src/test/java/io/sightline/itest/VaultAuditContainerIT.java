package io.sightline.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.sightline.api.account.Organization;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.audit.AuditQuery;
import io.sightline.api.audit.AuditStore;
import io.sightline.api.vault.CredentialVault;

/**
 * The vault and the audit log inside the running distribution, on the real encrypted Derby:
 * secrets through a hot swap of the vault module and through key rotations under concurrent reads,
 * no secret in any file, the ops commands, and a tampered audit row found by verification.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VaultAuditContainerIT extends ContainerTestSupport {

    @Inject
    SessionFactory sessionFactory;

    /** Runs a console command as a user with the admin role (the ACL of the sightline scope). */
    private String console(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, print, print);
        Subject admin = new Subject();
        admin.getPrincipals().add(new RolePrincipal("admin"));
        try {
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Organization newOrganization(String name) throws Exception {
        return accounts().createOrganization(name + " " + UUID.randomUUID());
    }

    @Test
    public void secretsSurviveAHotSwapOfTheVaultAndAppearInNoFile() throws Exception {
        Organization org = newOrganization("vault");
        String secret = "IT-SECRET-" + UUID.randomUUID();
        CredentialVault vault = awaitService(CredentialVault.class, v -> true);
        vault.put(org.id(), "datasource:1:password", secret.toCharArray());
        assertEquals(secret, new String(vault.open(org.id(), "datasource:1:password")));

        Bundle module = bundle("io.sightline.vault");
        module.stop();
        module.start();
        CredentialVault restarted = awaitService(CredentialVault.class, v -> v != vault);
        assertEquals("decrypts after a stop and start of the module", secret,
                new String(restarted.open(org.id(), "datasource:1:password")));

        Path keyFile = Path.of(System.getProperty("karaf.etc"), "keys", "vault-master.keys");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        // Stopping the store flushes Derby to disk; then neither its files nor the logs hold the secret.
        Bundle store = bundle("io.sightline.store");
        store.stop();
        try {
            assertFalse("secret readable under data/", anyFileContains(Path.of(System.getProperty("karaf.data")), secret));
            assertFalse("secret readable under etc/", anyFileContains(Path.of(System.getProperty("karaf.etc")), secret));
        } finally {
            store.start();
        }
        assertEquals(secret, new String(awaitService(CredentialVault.class, v -> true).open(org.id(), "datasource:1:password")));
    }

    @Test
    public void rotationsFromTheConsoleWhileReadersRead() throws Exception {
        Organization org = newOrganization("rotation");
        CredentialVault vault = awaitService(CredentialVault.class, v -> true);
        for (int i = 0; i < 20; i++) {
            vault.put(org.id(), "secret-" + i, ("value-" + i).toCharArray());
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            readers.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    int n = i % 20;
                    assertArrayEquals(("value-" + n).toCharArray(), vault.open(org.id(), "secret-" + n));
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (int round = 0; round < 3; round++) {
                String data = console("sightline:vault-rotate-data --organization " + org.id());
                assertTrue(data, data.contains("20 secrets re-encrypted"));
                String master = console("sightline:vault-rotate-master");
                assertTrue(master, master.contains("Rotated to new master key"));
            }
        } finally {
            running.set(false);
        }
        for (Future<?> reader : readers) {
            reader.get(30, TimeUnit.SECONDS); // rethrows a failed read
        }
        pool.shutdown();
        assertTrue("reads ran during the rotations: " + reads.get(), reads.get() > 50);
        String status = console("sightline:vault-status");
        assertTrue(status, status.contains(org.id() + ": data key"));
        assertTrue(status, status.contains("20 secrets, 0 under older keys"));

        // Every rotation is audited in the organization's log (data key) or the platform's (master key).
        AuditStore audit = awaitService(AuditStore.class, s -> true);
        awaitEntries(audit, org.id(), new AuditQuery(null, "vault.rotate_data_key", null, null, null, null, 0, 10), 3);
    }

    @Test
    public void aRowEditedInDerbyIsFoundByVerification() throws Exception {
        Organization org = newOrganization("tamper");
        AuditLog log = awaitService(AuditLog.class, l -> true);
        for (int i = 1; i <= 5; i++) {
            log.record(AuditEvent.now(org.id(), "user-" + i, "user" + i + "@example.com", "10.0.0." + i,
                    "report.update", "report", "r" + i, "fields: title"));
        }
        AuditStore audit = awaitService(AuditStore.class, s -> true);
        awaitEntries(audit, org.id(), new AuditQuery(null, null, null, null, null, null, 0, 10), 5);
        String clean = console("sightline:audit-verify --organization " + org.id());
        assertTrue(clean, clean.contains("OK      " + org.id() + ": 5 entries"));

        // Someone with database access rewrites who did it.
        EntityManagerFactory emf = awaitService(EntityManagerFactory.class, e -> true);
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            int changed = em.createNativeQuery("UPDATE audit_entries SET actor_email = 'nobody@example.com' "
                            + "WHERE org_id = ? AND seq = 3")
                    .setParameter(1, org.id())
                    .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                    .executeUpdate();
            em.getTransaction().commit();
            assertEquals(1, changed);
        } finally {
            em.close();
        }
        String broken = console("sightline:audit-verify");
        assertTrue(broken, broken.contains("BROKEN  " + org.id() + ": entry 3 content was changed"));
        assertTrue(broken, broken.contains("chains BROKEN"));
    }

    @Test
    public void moduleInstallsAndRemovalsAreAudited() throws Exception {
        // A module of its own, made of a bundle that is already there, so the test needs no download.
        Path repository = Path.of(System.getProperty("karaf.data"), "it-features.xml");
        String api = bundle("io.sightline.api").getLocation();
        Files.writeString(repository, "<features name='it' xmlns='http://karaf.apache.org/xmlns/features/v1.6.0'>"
                + "<feature name='it-module' version='1.0.0'><bundle>" + api + "</bundle></feature></features>");
        console("feature:repo-add " + repository.toUri());
        String out = console("feature:install --no-auto-refresh it-module");
        AuditStore audit = awaitService(AuditStore.class, s -> true);
        awaitEntries(audit, AuditStore.PLATFORM_CHAIN,
                new AuditQuery(null, "module.install", "feature", "it-module", null, null, 0, 10), 1);
        console("feature:uninstall --no-auto-refresh it-module");
        awaitEntries(audit, AuditStore.PLATFORM_CHAIN,
                new AuditQuery(null, "module.uninstall", "feature", "it-module", null, null, 0, 10), 1);
        assertFalse(out, out.contains("Error"));
        assertTrue(bundle("io.sightline.api").getState() == Bundle.ACTIVE);
    }

    /** Waits until the (asynchronous) audit log holds at least {@code count} entries matching {@code query}. */
    private static void awaitEntries(AuditStore audit, String chain, AuditQuery query, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long found = 0;
        while (System.nanoTime() < deadline) {
            found = audit.find(chain, query).total();
            if (found >= count) {
                return;
            }
            Thread.sleep(50); // entries are written by the audit module's own thread
        }
        throw new AssertionError("expected " + count + " audit entries for " + query + " in " + chain + ", found " + found);
    }
}
