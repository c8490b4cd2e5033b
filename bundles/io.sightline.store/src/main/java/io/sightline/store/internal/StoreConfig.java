package io.sightline.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Sightline platform database",
        description = "Where Sightline keeps its own metadata (accounts, data sources, reports, audit).")
@interface StoreConfig {

    @AttributeDefinition(description = "Directory of the embedded, AES-256 encrypted Derby database. "
            + "Empty means ${karaf.data}/sightline/db.")
    String database_directory() default "";

    @AttributeDefinition(description = "File holding the Derby boot password: created on first start with "
            + "owner-only permissions; back it up with the database, the database cannot be opened without it. "
            + "Empty means ${karaf.etc}/keys/platform-db.key.")
    String boot_password_file() default "";
}
