/** In-memory, TTL-bound result cache (SPEC C-1, C-2). */
@Version("1.0.0")
package io.sightline.api.cache;

import org.osgi.annotation.versioning.Version;
