/**
 * The result cache (SPEC C-1, C-2): query results kept in memory only, for a bounded time, shared by
 * the nodes of a cluster. Values are opaque bytes, so the cache never loads Sightline classes.
 */
@Version("1.0.0")
package io.sightline.api.cache;

import org.osgi.annotation.versioning.Version;
