package io.sightline.api.rest;

/**
 * Names of Sightline's JAX-RS whiteboard application. A resource joins it with
 * {@code @JaxrsApplicationSelect(RestApplication.SELECT)}; its paths are then under {@code /api}.
 */
public final class RestApplication {
    /** {@code osgi.jaxrs.name} of the application. */
    public static final String NAME = "sightline";
    /** Filter selecting the application. */
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
    /** Base path of every resource. */
    public static final String BASE = "api";

    private RestApplication() {}

    /** Whether a resource method answers without a token: it or its class carries {@link Public}. */
    public static boolean isPublic(java.lang.reflect.Method method, Class<?> resourceClass) {
        return method.isAnnotationPresent(Public.class)
                || (resourceClass != null && resourceClass.isAnnotationPresent(Public.class));
    }
}
