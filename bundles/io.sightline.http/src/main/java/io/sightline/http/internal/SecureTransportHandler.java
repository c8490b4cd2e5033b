package io.sightline.http.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.osgi.service.component.annotations.Component;

/**
 * SPEC P-1 for every response Jetty sends, including unmapped paths and the REST servlet: plain
 * HTTP only redirects to HTTPS, and HTTPS responses carry HSTS, CSP and the other security headers.
 *
 * <p>Pax Web runs {@link Handler} services ranked above 0 before every context (a servlet filter
 * would miss unmapped paths); a request this handler does not mark handled goes on to the
 * contexts. Each Handler service that comes or goes makes Pax Web restart Jetty, which raced with
 * the JAX-RS whiteboard at boot; so the component has no configuration of its own and registers
 * once. The HTTPS port comes from the connector's HttpConfiguration, which Pax Web fills in.
 */
@Component(service = Handler.class, property = "service.ranking:Integer=100")
public class SecureTransportHandler extends AbstractHandler {

    /** Script and style only from our own origin; no framing; no plugins. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'";

    static final Map<String, String> HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()");


    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!request.isSecure()) {
            redirect(baseRequest, request, response);
            return;
        }
        HEADERS.forEach(response::setHeader);
        if (!supportedCharset(request.getContentType())) {
            // Jetty would fail deep inside a servlet and answer 500 with Java exception names.
            response.setStatus(415);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":{\"code\":\"unsupported_media_type\","
                    + "\"message\":\"Unsupported character set: send the body as UTF-8.\",\"field\":null}}");
            baseRequest.setHandled(true);
        }
    }

    /** Whether the charset named in a Content-Type header, if any, exists in this JVM. */
    static boolean supportedCharset(String contentType) {
        if (contentType == null) {
            return true;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String name = pair[1].trim().replace("\"", "");
                try {
                    return !name.isEmpty() && Charset.isSupported(name);
                } catch (IllegalArgumentException illegalName) {
                    return false;
                }
            }
        }
        return true;
    }

    private void redirect(Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        int securePort = baseRequest.getHttpChannel().getHttpConfiguration().getSecurePort();
        if (securePort <= 0) {
            securePort = 8443;
        }
        StringBuilder location = new StringBuilder("https://").append(hostOnly(request.getServerName()));
        if (securePort != 443) {
            location.append(':').append(securePort);
        }
        location.append(request.getRequestURI());
        if (request.getQueryString() != null) {
            location.append('?').append(request.getQueryString());
        }
        // 308 keeps the method and body, so a script's POST is not silently turned into a GET.
        response.setStatus(308);
        response.setHeader("Location", location.toString());
        response.setContentLength(0);
        baseRequest.setHandled(true);
    }

    /** Host name as sent by the client, with IPv6 brackets kept and any port dropped. */
    static String hostOnly(String serverName) {
        if (serverName == null || serverName.isBlank()) {
            return "localhost";
        }
        if (serverName.contains(":") && !serverName.startsWith("[")) {
            return "[" + serverName + "]";
        }
        return serverName;
    }

}
