package io.sightline.api.auth;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where sessions live. The auth module has an in-memory store for one node; in a cluster a
 * shared store (Hazelcast) replaces it, so that a sign-out on one node holds on every node.
 * Thread-safe.
 */
@ConsumerType
public interface SessionStore {

    void put(AuthSession session);

    Optional<AuthSession> get(String id);

    Optional<AuthSession> findByRefreshHash(String refreshHash);

    void remove(String id);

    /** Ends every session of a user (password reset, password change). */
    void removeAllOf(String userId);
}
