/** Encryption of stored secrets (SPEC V-1 … V-3). */
@Version("1.0.0")
package io.sightline.api.vault;

import org.osgi.annotation.versioning.Version;
