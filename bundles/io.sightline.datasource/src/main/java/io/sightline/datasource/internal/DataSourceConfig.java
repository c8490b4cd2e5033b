package io.sightline.datasource.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline data sources", description = "Metadata refresh and outbound addresses (SPEC DS-5, DS-8)")
public @interface DataSourceConfig {

    @AttributeDefinition(description = "Metadata (server, schema, write access) is read again when older than this")
    int metadata_refresh_hours() default 24;

    @AttributeDefinition(description = "Addresses to show admins for their firewall allow-lists, comma-separated "
            + "(e.g. the public address behind NAT). Empty: the server's own non-loopback addresses")
    String outbound_addresses() default "";
}
