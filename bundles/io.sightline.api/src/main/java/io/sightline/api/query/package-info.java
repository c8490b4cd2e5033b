/**
 * Query parameters and the SQL that is finally prepared (SPEC ): how a parameter is
 * declared, and which values are bound to which JDBC placeholder. Values are always bound as
 * JDBC parameters, never spliced into the SQL text.
 */
@Version("1.2.0")
package io.sightline.api.query;

import org.osgi.annotation.versioning.Version;
