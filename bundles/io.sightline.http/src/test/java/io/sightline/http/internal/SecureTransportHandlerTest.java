package io.sightline.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerCollection;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler in a real Jetty, placed before the contexts as Pax Web places it. A plain connector
 * plays HTTP; a second connector that marks requests secure plays HTTPS (TLS itself is Jetty's
 * job and is covered by the distribution's integration tests).
 */
class SecureTransportHandlerTest {
    private static Server server;
    private static int plainPort;
    private static int securePort;

    @BeforeAll
    static void start() throws Exception {
        plainPort = freePort();
        securePort = freePort();
        server = new Server();
        // As Pax Web does: the plain connector's configuration knows the HTTPS port.
        HttpConfiguration plainConfig = new HttpConfiguration();
        plainConfig.setSecurePort(securePort);
        ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory(plainConfig));
        plain.setPort(plainPort);
        ServerConnector secure = new ServerConnector(server);
        secure.setPort(securePort);
        secure.getConnectionFactory(HttpConnectionFactory.class)
                .getHttpConfiguration()
                .addCustomizer((connector, config, request) -> request.setSecure(true));
        server.addConnector(plain);
        server.addConnector(secure);

        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(HelloServlet.class, "/*");
        SecureTransportHandler handler = new SecureTransportHandler();
        server.setHandler(new HandlerCollection(handler, context));
        server.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    public static class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("hello");
        }
    }

    private static HttpURLConnection open(int port, String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:" + port + path).openConnection();
        c.setInstanceFollowRedirects(false);
        c.setRequestMethod(method);
        return c;
    }

    @Test
    void plainHttpIsRedirectedWithPathQueryAndMethodKept() throws IOException {
        HttpURLConnection c = open(plainPort, "POST", "/api/health?x=1");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write("{}".getBytes());
        }
        assertEquals(308, c.getResponseCode());
        assertEquals("https://localhost:" + securePort + "/api/health?x=1", c.getHeaderField("Location"));
        assertNull(c.getHeaderField("Strict-Transport-Security"), "HSTS only over HTTPS");
    }

    @Test
    void plainHttpNeverReachesTheApplication() throws IOException {
        HttpURLConnection c = open(plainPort, "GET", "/anything");
        assertEquals(308, c.getResponseCode());
        try (InputStream in = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream()) {
            assertFalse(new String(in.readAllBytes()).contains("hello"));
        }
    }

    @Test
    void secureResponsesCarryTheSecurityHeadersAndReachTheApplication() throws IOException {
        HttpURLConnection c = open(securePort, "GET", "/page");
        assertEquals(200, c.getResponseCode());
        try (InputStream in = c.getInputStream()) {
            assertEquals("hello", new String(in.readAllBytes()));
        }
        assertEquals("max-age=31536000; includeSubDomains", c.getHeaderField("Strict-Transport-Security"));
        assertEquals("nosniff", c.getHeaderField("X-Content-Type-Options"));
        assertTrue(c.getHeaderField("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", c.getHeaderField("X-Frame-Options"));
    }

    @Test
    void unknownCharsetsAnswer415InJson() throws IOException {
        HttpURLConnection c = open(securePort, "POST", "/page");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json; charset=ebcdic-42");
        try (OutputStream out = c.getOutputStream()) {
            out.write("{}".getBytes());
        }
        assertEquals(415, c.getResponseCode());
        try (InputStream in = c.getErrorStream()) {
            String body = new String(in.readAllBytes());
            assertTrue(body.contains("unsupported_media_type"), body);
            assertFalse(body.contains("Exception"), body);
        }
        assertTrue(SecureTransportHandler.supportedCharset("application/json; charset=\"UTF-8\""));
        assertTrue(SecureTransportHandler.supportedCharset("application/json"));
        assertFalse(SecureTransportHandler.supportedCharset("application/json; charset=no such thing"));
        assertFalse(SecureTransportHandler.supportedCharset("text/plain; charset="));
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertEquals("[::1]", SecureTransportHandler.hostOnly("::1"));
        assertEquals("example.org", SecureTransportHandler.hostOnly("example.org"));
    }
}
