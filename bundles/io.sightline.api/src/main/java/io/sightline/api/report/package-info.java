/**
 * Reports, dashboards and saved filters (SPEC R-1 … ): the records the content module
 * keeps and the organization-scoped stores that keep them. Who may see and change each
 * object is decided by {@link io.sightline.api.sharing.SharingStore}, with the object types
 * of {@link ContentTypes}.
 *
 * <p>Nested parts whose shape belongs to the REST API (parameter declarations, visualization
 * settings, dashboard filters and tiles, filter values) are carried as JSON text, written and read
 * by the content module only; stores keep them verbatim.
 */
@Version("1.0.0")
package io.sightline.api.report;

import org.osgi.annotation.versioning.Version;
