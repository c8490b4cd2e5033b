/**
 * What a bundle needs to publish REST resources into Sightline's JAX-RS application under
 * {@code /api}, and to answer errors in the shared JSON error model.
 */
@Version("1.1.0")
package io.sightline.api.rest;

import org.osgi.annotation.versioning.Version;
