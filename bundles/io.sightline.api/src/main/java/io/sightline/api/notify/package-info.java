/** Outgoing notifications: email now, webhooks later (SPEC A-2 …, S-2). */
@Version("1.1.0")
package io.sightline.api.notify;

import org.osgi.annotation.versioning.Version;
