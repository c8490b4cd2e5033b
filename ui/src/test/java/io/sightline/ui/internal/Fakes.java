package io.sightline.ui.internal;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Just enough of the servlet API for UiServlet, as dynamic proxies. */
final class Fakes {

    private Fakes() {}

    /** A request as a container maps it to a {@code /*} servlet: empty servlet path, path in pathInfo. */
    static HttpServletRequest request(String method, String rawUri, String decodedPathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> rawUri;
                    case "getContextPath", "getServletPath" -> "";
                    case "getPathInfo" -> decodedPathInfo;
                    case "toString" -> method + " " + rawUri;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static HttpServletRequest get(String path) {
        return request("GET", path, path);
    }

    static final class Response {
        int status = 200;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpServletResponse proxy = (HttpServletResponse) Proxy.newProxyInstance(
                Fakes.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return new ServletOutputStream() {
                                @Override public void write(int b) { body.write(b); }
                                @Override public boolean isReady() { return true; }
                                @Override public void setWriteListener(WriteListener l) {}
                            };
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });

        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
