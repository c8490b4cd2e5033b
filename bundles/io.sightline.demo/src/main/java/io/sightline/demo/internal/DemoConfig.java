package io.sightline.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline demo data source", description = "An embedded H2 database of sample sales, given once to the installation's first organization (SPEC P-9)")
@interface DemoConfig {
    @AttributeDefinition(description = "Create the demo data source for the first organization (once: deleting it removes it for good)")
    boolean enabled() default true;

    @AttributeDefinition(description = "The data source's name as people see it")
    String name() default "Demo sales";
}
