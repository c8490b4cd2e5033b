/**
 * Helpers the database driver bundles share (SPEC DS-1 … DS-7): checks of the connection fields
 * and of option allow-lists, walking a failed connection attempt's exception chain for DNS, TCP and
 * TLS failures, SQL text (quoting, row limits), a TCP probe, the folder of embedded databases, and
 * reading a schema through JDBC metadata. Each driver keeps what is its own: its options, the
 * meaning of its vendor's errors, its catalog queries.
 *
 * <p>Everything here is stateless and thread-safe unless its javadoc says otherwise. Nothing here
 * is a service: drivers call it directly.
 */
@Version("1.1.0")
package io.sightline.driver.support;

import org.osgi.annotation.versioning.Version;
