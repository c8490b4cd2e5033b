/** Append-only, hash-chained audit log (SPEC AU-1 … AU-3): the log, its queries and its storage. */
@Version("2.0.0")
package io.sightline.api.audit;

import org.osgi.annotation.versioning.Version;
