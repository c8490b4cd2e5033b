/** Encryption of stored secrets (SPEC V-1 … V-3): the vault service and the storage it uses. */
@Version("2.0.0")
package io.sightline.api.vault;

import org.osgi.annotation.versioning.Version;
