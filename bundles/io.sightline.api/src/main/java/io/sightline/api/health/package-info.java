/** Health checks contributed by any bundle and aggregated by the REST health endpoint (SPEC P-4). */
@Version("1.0.0")
package io.sightline.api.health;

import org.osgi.annotation.versioning.Version;
