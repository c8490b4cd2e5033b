package io.sightline.datasource.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline data sources", description = "Outbound addresses (SPEC DS-8)")
public @interface DataSourceConfig {

    @AttributeDefinition(description = "Addresses to show admins for their firewall allow-lists, comma-separated "
            + "(e.g. the public address behind NAT). Empty: the server's own non-loopback addresses")
    String outbound_addresses() default "";
}
