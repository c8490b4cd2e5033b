/** Database driver SPI: one implementation per supported database, each in its own bundle (SPEC DS-1). */
@Version("2.1.0")
package io.sightline.api.driver;

import org.osgi.annotation.versioning.Version;
