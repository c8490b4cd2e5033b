package io.sightline.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a JAX-RS resource method needs in the caller's active organization, checked by
 * the auth module's request filter before the method runs (a method-level annotation overrides
 * the class-level one). Values are the constants of {@link io.sightline.api.auth.Permissions}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {
    String value();
}
