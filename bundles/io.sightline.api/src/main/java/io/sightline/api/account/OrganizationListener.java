package io.sightline.api.account;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when an organization has been created (after its transaction committed), e.g. to give the
 * installation's first organization its demo content (P-9). Registered as an OSGi service; the
 * store calls every listener on the creating thread, so a listener that does real work hands it
 * to its own thread. A listener's exception is logged and does not undo the creation.
 */
@ConsumerType
public interface OrganizationListener {

    void organizationCreated(Organization organization);
}
