/** Who is calling, what each role may do, and where sessions live (SPEC ). */
@Version("1.1.0")
package io.sightline.api.auth;

import org.osgi.annotation.versioning.Version;
