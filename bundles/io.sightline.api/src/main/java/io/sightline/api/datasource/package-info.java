/** Data sources: their stored definition and metadata (SPEC DS-3, DS-5). */
@Version("1.2.0")
package io.sightline.api.datasource;

import org.osgi.annotation.versioning.Version;
