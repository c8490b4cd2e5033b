package io.sightline.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servlet mapped to {@code /*} in a real Jetty 9.4 (what Pax Web 8 runs), under a context
 * path, to check that servletPath/pathInfo are read right and raw URIs cannot escape /static.
 */
class UiServletInJettyTest {

    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/ctx");
        context.addServlet(new ServletHolder(new UiServlet()), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** Raw HTTP/1.0 so the request target goes out exactly as written. */
    private static String http(String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void servesAssetUnderContextPath() throws IOException {
        String resp = http("GET", "/ctx/assets/app-abc123.js");
        assertEquals(200, status(resp), resp);
        assertTrue(resp.toLowerCase().contains("content-type: text/javascript;"), resp);
        assertTrue(resp.endsWith("console.log(\"fixture app\");\n"), resp);
    }

    @Test
    void contextRootAndClientRoutesGetIndex() throws IOException {
        for (String target : new String[] {"/ctx/", "/ctx/dashboards", "/ctx/queries/7"}) {
            String resp = http("GET", target);
            assertEquals(200, status(resp), target);
            assertTrue(resp.contains("fixture index"), target);
        }
    }

    @Test
    void apiFallbackIsJson404() throws IOException {
        String resp = http("POST", "/ctx/api/auth/login");
        assertEquals(404, status(resp), resp);
        assertTrue(resp.contains("{\"error\":{\"code\":\"not_found\",\"message\":\"No API route for /api/auth/login\""),
                resp);
    }

    @Test
    void headHasNoBody() throws IOException {
        String resp = http("HEAD", "/ctx/assets/app-abc123.js");
        assertEquals(200, status(resp), resp);
        assertTrue(resp.endsWith("\r\n\r\n"), resp);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ctx/assets/%2e%2e/index.html",
        "/ctx/assets/%2e%2e/%2e%2e/io/sightline/ui/internal/UiServlet.class",
        "/ctx/%2e%2e/%2e%2e/etc/passwd",
        "/ctx/assets/..%2f..%2fio/sightline/ui/internal/UiServlet.class",
        "/ctx/assets/%252e%252e/index.html",
        "/ctx/assets/../../io/sightline/ui/internal/UiServlet.class",
    })
    void traversalNeverServesAFile(String target) throws IOException {
        String resp = http("GET", target);
        // Jetty itself may refuse some of these (400); what matters is that nothing is served.
        assertNotEquals(200, status(resp), resp);
        assertFalse(resp.contains("fixture index"), resp);
        assertFalse(resp.contains("java.lang") || resp.contains("\tat "), "no stack trace: " + resp);
    }
}
