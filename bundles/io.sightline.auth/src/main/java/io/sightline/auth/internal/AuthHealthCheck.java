package io.sightline.auth.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.health.HealthCheck;
import io.sightline.api.health.HealthStatus;

/**
 * Ready once sign-in can work: the filter and the sign-in resource exist, which needs the store,
 * the mailer and the session store. Registered only then, so readiness waits for it.
 */
@Component(service = HealthCheck.class)
public class AuthHealthCheck implements HealthCheck {

    @Activate
    public AuthHealthCheck(@Reference AuthFilter filter, @Reference AuthResource resource) {
        // the references are the check: this component is active only while both are
    }

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public HealthStatus check() {
        return HealthStatus.up("sign-in and sessions available");
    }
}
