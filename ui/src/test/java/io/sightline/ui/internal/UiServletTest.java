package io.sightline.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Serves the fixture in src/test/resources/static. */
class UiServletTest {

    private final UiServlet servlet = new UiServlet();

    private Fakes.Response call(HttpServletRequest req) throws Exception {
        Fakes.Response resp = new Fakes.Response();
        servlet.service(req, resp.proxy);
        return resp;
    }

    @Test
    void servesHashedJavaScriptWithModuleTypeAndLongCache() throws Exception {
        Fakes.Response resp = call(Fakes.get("/assets/app-abc123.js"));
        assertEquals(200, resp.status);
        assertEquals("text/javascript; charset=utf-8", resp.header("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", resp.header("Cache-Control"));
        assertEquals("nosniff", resp.header("X-Content-Type-Options"));
        assertEquals("console.log(\"fixture app\");\n", resp.text());
        assertEquals(String.valueOf(resp.body.size()), resp.header("Content-Length"));
    }

    @Test
    void servesCssAndSvg() throws Exception {
        assertEquals("text/css; charset=utf-8", call(Fakes.get("/assets/app-abc123.css")).header("Content-Type"));
        Fakes.Response svg = call(Fakes.get("/favicon.svg"));
        assertEquals("image/svg+xml", svg.header("Content-Type"));
        assertEquals("no-cache", svg.header("Cache-Control"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/dashboards", "/queries/42/edit", "/assets"})
    void clientRoutesGetIndexHtmlUncached(String path) throws Exception {
        Fakes.Response resp = call(Fakes.get(path));
        assertEquals(200, resp.status);
        assertEquals("text/html; charset=utf-8", resp.header("Content-Type"));
        assertEquals("no-cache", resp.header("Cache-Control"));
        assertTrue(resp.header("Content-Security-Policy").contains("script-src 'self'"));
        assertTrue(resp.text().contains("fixture index"), resp.text());
    }

    @Test
    void rootWithoutPathInfoGetsIndexHtml() throws Exception {
        Fakes.Response resp = call(Fakes.request("GET", "/", null));
        assertEquals(200, resp.status);
        assertTrue(resp.text().contains("fixture index"));
    }

    @Test
    void indexHtmlByNameIsUncached() throws Exception {
        Fakes.Response resp = call(Fakes.get("/index.html"));
        assertEquals(200, resp.status);
        assertEquals("no-cache", resp.header("Cache-Control"));
    }

    @Test
    void missingAssetIsJson404() throws Exception {
        Fakes.Response resp = call(Fakes.get("/assets/missing-000.js"));
        assertEquals(404, resp.status);
        assertEquals("application/json; charset=utf-8", resp.header("Content-Type"));
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"No such file: /assets/missing-000.js\","
                + "\"field\":null}}", resp.text());
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/auth/login", "POST,/api/auth/login", "GET,/api/dashboards", "GET,/api", "DELETE,/api/x"})
    void apiPathsNeverGetIndexHtml(String method, String path) throws Exception {
        Fakes.Response resp = call(Fakes.request(method, path, path));
        assertEquals(404, resp.status);
        assertEquals("application/json; charset=utf-8", resp.header("Content-Type"));
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"No API route for " + path + "\","
                + "\"field\":null}}", resp.text());
        assertFalse(resp.text().contains("fixture index"));
    }

    @Test
    void apiPrefixNeedsSlash() throws Exception {
        // "/apis" is a client route, not the API.
        assertEquals(200, call(Fakes.get("/apis")).status);
    }

    @ParameterizedTest
    @CsvSource({
        "/assets/../index.html, /index.html",
        "/../pom.xml, /../pom.xml",
        "/assets/%2e%2e/index.html, /assets/../index.html",
        "/assets/%2E%2E/%2E%2E/UiServlet.class, /assets/../../UiServlet.class",
        "/%2e%2e%2fio/sightline, /../io/sightline",
        "/assets%5c..%5cindex.html, /assets\\..\\index.html",
        "/assets/%252e%252e/index.html, /assets/%2e%2e/index.html",
        "/x%00.js, /x\u0000.js",
    })
    void traversalIsRejected(String rawUri, String decoded) throws Exception {
        Fakes.Response resp = call(Fakes.request("GET", rawUri, decoded));
        assertEquals(404, resp.status, rawUri);
        assertEquals("application/json; charset=utf-8", resp.header("Content-Type"));
        assertFalse(resp.text().contains("fixture index"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void onlyGetAndHeadAreAllowed(String method) throws Exception {
        Fakes.Response resp = call(Fakes.request(method, "/dashboards", "/dashboards"));
        assertEquals(405, resp.status);
        assertEquals("GET, HEAD", resp.header("Allow"));
        assertTrue(resp.text().contains("\"code\":\"method_not_allowed\""), resp.text());
    }

    @Test
    void headSendsHeadersWithoutBody() throws Exception {
        Fakes.Response resp = call(Fakes.request("HEAD", "/assets/app-abc123.js", "/assets/app-abc123.js"));
        assertEquals(200, resp.status);
        assertEquals("text/javascript; charset=utf-8", resp.header("Content-Type"));
        assertEquals("28", resp.header("Content-Length"));
        assertEquals(0, resp.body.size());
    }

    @Test
    void jsonEscapesWhatItEchoes() {
        assertEquals("\"a\\\"b\\\\c\\u003cscript\\u003e\\n\"", UiServlet.json("a\"b\\c<script>\n"));
    }

    @ParameterizedTest
    @CsvSource({"/a/b.JS,js", "/a.b/c,''", "/.hidden,''", "/x.tar.gz,gz", "/,''"})
    void extensionOfLastSegment(String path, String ext) {
        assertEquals(ext, UiServlet.extensionOf(path));
    }
}
