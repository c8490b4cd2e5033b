/** Organizations, users and memberships: the tenancy model of the platform store (SPEC ). */
@Version("1.4.0")
package io.sightline.api.account;

import org.osgi.annotation.versioning.Version;
