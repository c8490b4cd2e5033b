package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.account.ApiToken;
import io.sightline.api.account.Credentials;
import io.sightline.api.account.EmailToken;
import io.sightline.api.account.Invitation;
import io.sightline.api.account.Membership;
import io.sightline.api.account.OrganizationRole;
import io.sightline.api.account.SignInState;
import io.sightline.api.account.Organization;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.Share;

/** The store outside OSGi: encrypted Derby, migrations and tenant filtering, on real Derby files. */
class PlatformStoreTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;

    @AfterEach
    void close() {
        if (emf != null) {
            emf.close();
            emf = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private JpaAccountStore open() throws Exception {
        database = new DerbyDatabase(dir.resolve("db"), dir.resolve("keys/platform-db.key"));
        Migrations.apply(database.dataSource(), getClass().getClassLoader());
        emf = createEmf(database.dataSource());
        return new JpaAccountStore(emf);
    }

    static EntityManagerFactory createEmf(DataSource dataSource) {
        return Persistence.createEntityManagerFactory("sightline", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.weaving", "false")); // no agent outside OSGi
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        open();
        Path key = dir.resolve("keys/platform-db.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        String password = Files.readString(key).trim();
        assertEquals(KeyFile.LENGTH, password.length());
        assertEquals(password, KeyFile.readOrCreate(key));
    }

    @Test
    void databaseIsEncryptedWithAes256() throws Exception {
        open();
        Properties service = new Properties();
        try (var in = Files.newInputStream(dir.resolve("db/service.properties"))) {
            service.load(in);
        }
        assertEquals("true", service.getProperty("dataEncryption"));
        assertEquals("AES/CBC/NoPadding", service.getProperty("encryptionAlgorithm"));
        // Derby records "<key length>-<block size>"
        assertTrue(service.getProperty("encryptionKeyLength").startsWith("256-"), service.getProperty("encryptionKeyLength"));
    }

    @Test
    void storedTextIsNotReadableInTheFiles() throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        open().createOrganization(marker);
        close(); // shut down: every page and log record is on disk now
        assertFalse(containsBytes(dir.resolve("db"), marker), "marker readable in the encrypted database files");

        // The scan itself works: the same write into an unencrypted database is found.
        EmbeddedDataSource plain = new EmbeddedDataSource();
        plain.setDatabaseName(dir.resolve("plain").toString());
        plain.setCreateDatabase("create");
        try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v VARCHAR(100))");
            s.execute("INSERT INTO t VALUES ('" + marker + "')");
        }
        shutdown(dir.resolve("plain"));
        assertTrue(containsBytes(dir.resolve("plain"), marker), "control: marker must be found in a plain database");
    }

    @Test
    void dataSurvivesRestartAndWrongPasswordIsRefused() throws Exception {
        JpaAccountStore store = open();
        assertTrue(store.installationOrganization().isEmpty());
        Organization org = store.createOrganization("Acme");
        store.createOrganization("Later");
        close();
        JpaAccountStore reopened = open();
        assertEquals(org, reopened.findOrganization(org.id()).orElseThrow());
        assertEquals(org, reopened.installationOrganization().orElseThrow(), "the first organization administers the installation");
        close();

        Files.writeString(dir.resolve("keys/platform-db.key"), "x".repeat(40));
        assertThrows(SQLException.class, () -> new DerbyDatabase(dir.resolve("db"), dir.resolve("keys/platform-db.key")));
    }

    @Test
    void migrationsRunOnceAndRecordTheirVersion() throws Exception {
        open();
        assertEquals(11, Migrations.apply(database.dataSource(), getClass().getClassLoader()));
        try (Connection c = database.dataSource().getConnection()) {
            assertEquals(11, Migrations.currentVersion(c));
        }
    }

    @Test
    void statementsAreSplitAtLineEndSemicolonsAndCommentsDropped() {
        assertEquals(List.of("CREATE TABLE a ( x INT)", "INSERT INTO a VALUES (';')"),
                Migrations.statements("-- header\nCREATE TABLE a (\nx INT);\n\nINSERT INTO a VALUES (';');\n"));
    }

    @Test
    void membershipsAreFilteredByOrganization() throws Exception {
        JpaAccountStore store = open();
        Organization a = store.createOrganization("A");
        Organization b = store.createOrganization("B");
        User alice = store.createUser(" Alice@Example.com ", "Alice");
        User bob = store.createUser("bob@example.com", null);
        Membership aliceInA = store.addMember(a.id(), alice.id(), Role.OWNER);
        Membership bobInB = store.addMember(b.id(), bob.id(), Role.VIEWER);

        assertEquals("alice@example.com", alice.email());
        assertEquals(List.of(aliceInA), store.members(a.id()));
        assertEquals(List.of(bobInB), store.members(b.id()));
        assertTrue(store.findMembership(a.id(), bobInB.id()).isEmpty(), "B's membership must not be visible from A");
        assertEquals(bobInB, store.findMembership(b.id(), bobInB.id()).orElseThrow());
    }

    @Test
    void organizationScopedWritesWithoutTenantFail() throws Exception {
        JpaAccountStore store = open();
        User user = store.createUser("carol@example.com", "Carol");
        Tenancy tenancy = new Tenancy(emf);
        assertThrows(RuntimeException.class, () -> tenancy.platformWide(em -> {
            em.persist(new MembershipEntity(UUID.randomUUID().toString(), user.id(), Role.MEMBER, java.time.Instant.now()));
            return null;
        }));
        assertThrows(RuntimeException.class, () -> tenancy.platformWide(
                em -> em.createQuery("SELECT m FROM Membership m").getResultList()));
    }

    @Test
    void invalidInputIsRejectedWithTheFieldName() throws Exception {
        JpaAccountStore store = open();
        store.createUser("dave@example.com", "Dave");
        assertEquals("email: already registered",
                assertThrows(IllegalStateException.class, () -> store.createUser("DAVE@example.com", "D")).getMessage());
        assertEquals("email: not a valid email address",
                assertThrows(IllegalArgumentException.class, () -> store.createUser("nope", "x")).getMessage());
        assertEquals("name: required",
                assertThrows(IllegalArgumentException.class, () -> store.createOrganization(" ")).getMessage());
    }

    @Test
    void emailTokensAreSingleUseKindBoundAndExpire() throws Exception {
        JpaAccountStore store = open();
        User user = store.createUser("erin@example.com", "Erin", "hash", false);
        java.time.Instant later = java.time.Instant.now().plusSeconds(600);
        store.issueEmailToken("a".repeat(64), user.id(), EmailToken.Kind.PASSWORD_RESET, null, later);
        assertTrue(store.consumeEmailToken("a".repeat(64), EmailToken.Kind.UNLOCK).isEmpty(), "wrong kind");
        assertEquals(user.id(), store.consumeEmailToken("a".repeat(64), EmailToken.Kind.PASSWORD_RESET).orElseThrow().userId());
        assertTrue(store.consumeEmailToken("a".repeat(64), EmailToken.Kind.PASSWORD_RESET).isEmpty(), "second use");

        store.issueEmailToken("b".repeat(64), user.id(), EmailToken.Kind.UNLOCK, null, java.time.Instant.now().minusSeconds(1));
        assertTrue(store.consumeEmailToken("b".repeat(64), EmailToken.Kind.UNLOCK).isEmpty(), "expired");
    }

    @Test
    void signInStateAndCredentialsRoundTrip() throws Exception {
        JpaAccountStore store = open();
        User user = store.createUser("fay@example.com", "Fay", "$argon2id$x", false);
        java.time.Instant until = java.time.Instant.now().plusSeconds(900).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        store.updateSignInState(user.id(), new SignInState(0, 1, until));
        store.confirmEmail(user.id());
        Credentials credentials = store.credentialsByEmail("FAY@example.com").orElseThrow();
        assertEquals("$argon2id$x", credentials.passwordHash());
        assertTrue(credentials.emailConfirmed());
        assertEquals(new SignInState(0, 1, until), credentials.state());
        assertFalse(credentials.toString().contains("argon2"), "hash in toString");
    }

    @Test
    void theTimeZoneIsKeptUntilCleared() throws Exception {
        JpaAccountStore store = open();
        User user = store.createUser("gia@example.com", "Gia");
        assertNull(user.timeZone());
        assertEquals("Asia/Tokyo", store.changeTimeZone(user.id(), " Asia/Tokyo ").timeZone());
        assertEquals("Asia/Tokyo", store.findUser(user.id()).orElseThrow().timeZone());
        assertNull(store.changeTimeZone(user.id(), "").timeZone());
        assertNull(store.findUser(user.id()).orElseThrow().timeZone());
    }

    @Test
    void invitationsAndRolesStayInTheirOrganization() throws Exception {
        JpaAccountStore store = open();
        Organization a = store.createOrganization("A");
        Organization b = store.createOrganization("B");
        User owner = store.createUser("gus@example.com", "Gus");
        Membership inA = store.addMember(a.id(), owner.id(), Role.OWNER);
        store.addMember(b.id(), owner.id(), Role.VIEWER);

        assertEquals(List.of(Role.OWNER, Role.VIEWER),
                store.organizationsOf(owner.id()).stream().map(OrganizationRole::role).toList());
        assertFalse(store.removeMember(b.id(), inA.id()), "A's membership removed through B");
        assertThrows(java.util.NoSuchElementException.class, () -> store.changeRole(b.id(), inA.id(), Role.VIEWER));
        assertEquals(Role.OWNER, store.findMembership(a.id(), inA.id()).orElseThrow().role());

        // membershipOf answers from a short-lived cache: a change through the store shows at once.
        assertEquals(Role.OWNER, store.membershipOf(a.id(), owner.id()).orElseThrow().role());
        store.changeRole(a.id(), inA.id(), Role.ADMIN);
        assertEquals(Role.ADMIN, store.membershipOf(a.id(), owner.id()).orElseThrow().role());
        assertTrue(store.removeMember(a.id(), inA.id()));
        assertTrue(store.membershipOf(a.id(), owner.id()).isEmpty(), "removed member still cached");
        store.addMember(a.id(), owner.id(), Role.OWNER);
        assertEquals(Role.OWNER, store.membershipOf(a.id(), owner.id()).orElseThrow().role());

        java.time.Instant later = java.time.Instant.now().plusSeconds(3600);
        store.createInvitation(a.id(), "New@Example.com", Role.MEMBER, owner.id(), "c".repeat(64), later);
        assertEquals(1, store.pendingInvitations(a.id()).size());
        assertTrue(store.pendingInvitations(b.id()).isEmpty());
        Invitation accepted = store.consumeInvitation("c".repeat(64)).orElseThrow();
        assertEquals(a.id(), accepted.organizationId());
        assertEquals("new@example.com", accepted.email());
        assertTrue(store.consumeInvitation("c".repeat(64)).isEmpty(), "second use");
        assertTrue(store.pendingInvitations(a.id()).isEmpty());
    }

    @Test
    void apiTokensAreBoundToTheirOrganizationAndRevocable() throws Exception {
        JpaAccountStore store = open();
        Organization a = store.createOrganization("A");
        Organization b = store.createOrganization("B");
        User user = store.createUser("hana@example.com", "Hana");
        java.time.Instant later = java.time.Instant.now().plusSeconds(3600);
        ApiToken token = store.createApiToken(a.id(), user.id(), "ci", Role.VIEWER, "d".repeat(64), later);
        assertEquals(a.id(), store.useApiToken("d".repeat(64)).orElseThrow().organizationId());
        assertTrue(store.apiTokens(a.id(), user.id()).get(0).lastUsedAt() != null, "use recorded");
        assertTrue(store.apiTokens(b.id(), user.id()).isEmpty());
        assertFalse(store.revokeApiToken(b.id(), user.id(), token.id()), "revoked through another organization");
        assertTrue(store.revokeApiToken(a.id(), user.id(), token.id()));
        assertTrue(store.useApiToken("d".repeat(64)).isEmpty());
        store.createApiToken(a.id(), user.id(), "old", Role.VIEWER, "e".repeat(64), java.time.Instant.now().minusSeconds(1));
        assertTrue(store.useApiToken("e".repeat(64)).isEmpty(), "expired");
    }

    @Test
    void contentIsPrivateUntilSharedAndRolesGrantNothing() throws Exception {
        JpaAccountStore accounts = open();
        JpaSharingStore sharing = new JpaSharingStore(emf);
        Organization a = accounts.createOrganization("A");
        Organization b = accounts.createOrganization("B");
        User creator = accounts.createUser("ivo@example.com", "Ivo");
        User admin = accounts.createUser("jan@example.com", "Jan");
        User viewer = accounts.createUser("kai@example.com", "Kai");
        accounts.addMember(a.id(), creator.id(), Role.MEMBER);
        accounts.addMember(a.id(), admin.id(), Role.OWNER);
        accounts.addMember(a.id(), viewer.id(), Role.VIEWER);

        assertEquals(Access.OWNER, sharing.accessOf(a.id(), "report", "r1", creator.id(), creator.id()));
        assertEquals(Access.NONE, sharing.accessOf(a.id(), "report", "r1", creator.id(), admin.id()), "roles open nothing");

        Share withViewer = sharing.share(a.id(), "report", "r1", viewer.id(), Access.READ, creator.id());
        assertEquals(Access.READ, sharing.accessOf(a.id(), "report", "r1", creator.id(), viewer.id()));
        assertEquals(Access.NONE, sharing.accessOf(a.id(), "report", "r1", creator.id(), admin.id()));
        assertEquals(Access.NONE, sharing.accessOf(b.id(), "report", "r1", creator.id(), viewer.id()), "other organization");

        sharing.share(a.id(), "report", "r1", null, Access.READ, creator.id());
        sharing.share(a.id(), "report", "r1", viewer.id(), Access.EDIT, creator.id()); // replaces the READ grant
        assertEquals(2, sharing.sharesOf(a.id(), "report", "r1").size());
        assertEquals(Access.EDIT, sharing.accessOf(a.id(), "report", "r1", creator.id(), viewer.id()));
        assertEquals(Access.READ, sharing.accessOf(a.id(), "report", "r1", creator.id(), admin.id()), "whole organization");
        assertEquals(java.util.Set.of("r1"), sharing.sharedWith(a.id(), "report", admin.id()));
        assertTrue(sharing.sharedWith(a.id(), "dashboard", admin.id()).isEmpty());

        assertFalse(sharing.unshare(b.id(), withViewer.id()), "unshared through another organization");
        assertThrows(IllegalArgumentException.class, () -> sharing.share(a.id(), "report", "r1", null, Access.OWNER, creator.id()));
        sharing.unshareAll(a.id(), "report", "r1");
        assertEquals(Access.NONE, sharing.accessOf(a.id(), "report", "r1", creator.id(), viewer.id()));
    }

    private static void shutdown(Path db) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(db.toString());
        ds.setShutdownDatabase("shutdown");
        try (Connection ignored = ds.getConnection()) {
            // reported as an exception
        } catch (SQLException expected) {
            // 08006
        }
    }

    static boolean containsBytes(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // ISO-8859-1 maps every byte to one char, so this is a byte search.
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
