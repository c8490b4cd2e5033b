/**
 * Who may see and change a piece of content (SPEC A-7): private to its creator until shared with
 * given members or the whole organization, for reading or editing. Roles grant nothing here.
 */
@Version("1.1.0")
package io.sightline.api.sharing;

import org.osgi.annotation.versioning.Version;
