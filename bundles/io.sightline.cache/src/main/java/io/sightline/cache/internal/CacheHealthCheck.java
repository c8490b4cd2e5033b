package io.sightline.cache.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.health.HealthCheck;
import io.sightline.api.health.HealthStatus;

/**
 * Reports the cache member as check "cache". The cache is optional, so "cache" is not among the
 * checks readiness requires: without this module queries run uncached. The message is public
 * ({@code /api/health}), so it names no address.
 */
@Component(service = HealthCheck.class)
public class CacheHealthCheck implements HealthCheck {
    private final HazelcastResultCache cache;

    @Activate
    public CacheHealthCheck(@Reference HazelcastResultCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public HealthStatus check() {
        return cache.health();
    }
}
