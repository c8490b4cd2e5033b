package io.sightline.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource method (or a whole resource class) that answers without a token:
 * health, the API description, sign-up, sign-in and the emailed-token flows (SPEC A-5).
 * Everything else needs a valid bearer token; that default is enforced by the auth module.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {}
