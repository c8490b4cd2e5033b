package io.sightline.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import io.sightline.api.rest.RestApplication;

/**
 * The one JAX-RS application of Sightline, at {@code /api}. Resources and extensions from any
 * bundle join it by selecting {@link RestApplication#SELECT}; it has no members of its own.
 */
@Component(service = Application.class)
@JaxrsName(RestApplication.NAME)
@JaxrsApplicationBase(RestApplication.BASE)
public class SightlineApplication extends Application {}
