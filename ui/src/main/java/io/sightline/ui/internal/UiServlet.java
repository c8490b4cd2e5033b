package io.sightline.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the single-page web UI that the npm build packs into this bundle under {@code /static}.
 *
 * <p>Registered for {@code /*}: the REST servlet's more specific {@code /api/*} wins when it is
 * there. Client-side routes (paths without a file extension) get {@code index.html}; files that
 * do not exist and anything under {@code /api/} get a JSON 404, never the HTML page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardServletName("sightline-ui")
public class UiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(UiServlet.class.getName());

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'";

    private static final String ROOT = "static";
    private static final String INDEX = "/index.html";

    private static final Map<String, String> TYPES = Map.ofEntries(
            // Browsers refuse module scripts served with any other type.
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"));

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = pathOf(req);
        boolean head = "HEAD".equals(req.getMethod());
        if (isTraversal(path, req.getRequestURI())) {
            sendError(resp, head, 404, "not_found", "No such file.");
            return;
        }
        // The REST servlet owns /api/*; when it is absent an API client must not get the HTML page.
        if (path.equals("/api") || path.startsWith("/api/")) {
            sendError(resp, head, 404, "not_found", "No API route for " + path);
            return;
        }
        if (!head && !"GET".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            sendError(resp, head, 405, "method_not_allowed", "Only GET and HEAD are allowed for " + path);
            return;
        }

        String extension = extensionOf(path);
        String file = extension.isEmpty() ? INDEX : path; // SPA fallback for client-side routes
        URL resource = getClass().getClassLoader().getResource(ROOT + file);
        if (resource == null) {
            sendError(resp, head, 404, "not_found", "No such file: " + file);
            return;
        }

        byte[] body;
        try (InputStream in = resource.openStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot read UI resource " + file, e);
            sendError(resp, head, 500, "internal_error", "The file could not be read.");
            return;
        }

        resp.setStatus(200);
        resp.setContentType(TYPES.getOrDefault(extensionOf(file), "application/octet-stream"));
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (file.startsWith("/assets/")) {
            // Vite puts a content hash in every file name under /assets: they never change.
            resp.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
            resp.setHeader("Cache-Control", "no-cache");
        }
        if (file.endsWith(".html")) {
            resp.setHeader("Content-Security-Policy", CSP);
        }
        resp.setContentLength(body.length);
        if (!head) {
            OutputStream out = resp.getOutputStream();
            out.write(body);
        }
    }

    /**
     * The path inside the servlet's context. For a {@code /*} mapping the servlet path is empty and
     * the path info carries everything; adding both also covers a {@code /} (default) mapping.
     */
    static String pathOf(HttpServletRequest req) {
        String servletPath = req.getServletPath() == null ? "" : req.getServletPath();
        String pathInfo = req.getPathInfo() == null ? "" : req.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    /**
     * Rejects {@code ..}, backslashes and NUL in the decoded path, and encoded dots, slashes and
     * backslashes in the raw URI (Vite's file names never need them), so nothing outside
     * {@code /static} can be named, however it is encoded.
     */
    static boolean isTraversal(String decodedPath, String rawUri) {
        if (decodedPath.contains("..") || decodedPath.contains("\\") || decodedPath.indexOf('\0') >= 0
                || decodedPath.contains("//")) {
            return true;
        }
        String decodedLower = decodedPath.toLowerCase(Locale.ROOT);
        if (decodedLower.contains("%2e") || decodedLower.contains("%2f") || decodedLower.contains("%5c")) {
            return true; // double-encoded
        }
        String raw = rawUri == null ? "" : rawUri.toLowerCase(Locale.ROOT);
        return raw.contains("..") || raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c")
                || raw.contains("%00");
    }

    /** The extension of the last path segment, lower case, or "" when it has none. */
    static String extensionOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void sendError(HttpServletResponse resp, boolean head, int status, String code,
            String message) throws IOException {
        byte[] body = ("{\"error\":{\"code\":" + json(code) + ",\"message\":" + json(message)
                + ",\"field\":null}}").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        if (!head) {
            resp.getOutputStream().write(body);
        }
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
