/** Outgoing notifications: email and webhooks (SPEC A-2 …, S-2). */
@Version("1.2.0")
package io.sightline.api.notify;

import org.osgi.annotation.versioning.Version;
