package io.sightline.auth.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

import io.sightline.api.auth.AuthSession;
import io.sightline.api.auth.SessionStore;

/**
 * Sessions of a single node. Ranked low, so a shared (Hazelcast) store registered by the cache
 * module takes over in a cluster. Sessions do not survive a restart: users sign in again.
 */
@Component(service = SessionStore.class, property = "service.ranking:Integer=-100")
public class InMemorySessionStore implements SessionStore {
    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(AuthSession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<AuthSession> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public Optional<AuthSession> findByRefreshHash(String refreshHash) {
        return sessions.values().stream().filter(s -> s.refreshHash().equals(refreshHash)).findFirst();
    }

    @Override
    public void remove(String id) {
        sessions.remove(id);
    }

    @Override
    public void removeAllOf(String userId) {
        sessions.values().removeIf(s -> s.userId().equals(userId));
    }
}
