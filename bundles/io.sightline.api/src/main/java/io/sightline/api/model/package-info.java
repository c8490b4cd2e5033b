/**
 * Semantic models (SPEC R-4): per data source, named tables, joins, dimensions and metrics, so a
 * report can be built by picking fields instead of writing SQL. A selection compiles to ordinary
 * SQL with {@code {{parameters}}}, which runs through the query service like any query.
 */
@Version("1.1.0")
package io.sightline.api.model;

import org.osgi.annotation.versioning.Version;
