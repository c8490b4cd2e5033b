package io.sightline.rest.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.sightline.api.health.HealthCheck;
import io.sightline.api.health.HealthStatus;

/** Ready when every installed Sightline bundle is active (fragments excepted). */
@Component(service = HealthCheck.class)
public class BundlesHealthCheck implements HealthCheck {
    private final BundleContext context;

    @Activate
    public BundlesHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "bundles";
    }

    @Override
    public HealthStatus check() {
        String inactive = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.sightline."))
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(Bundle::getSymbolicName)
                .sorted()
                .collect(Collectors.joining(", "));
        return inactive.isEmpty()
                ? HealthStatus.up("all Sightline bundles active")
                : HealthStatus.down("not active: " + inactive);
    }
}
