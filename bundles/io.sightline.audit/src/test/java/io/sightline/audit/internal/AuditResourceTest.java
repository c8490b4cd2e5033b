package io.sightline.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.sightline.api.audit.AuditQuery;
import io.sightline.api.rest.ApiException;

/** Query parameters and CSV cells of the audit API. */
class AuditResourceTest {

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertEquals("", AuditResource.cell(null));
        assertEquals("plain", AuditResource.cell("plain"));
        assertEquals("\"a,b\"", AuditResource.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", AuditResource.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(\"x\")".replace("\"", "\"\""), AuditResource.cell("=HYPERLINK(\"x\")").substring(1, AuditResource.cell("=HYPERLINK(\"x\")").length() - 1));
        assertEquals("'+1", AuditResource.cell("+1"));
        assertEquals("'@SUM(A1)", AuditResource.cell("@SUM(A1)"));
        assertEquals("'-2", AuditResource.cell("-2"));
    }

    @Test
    void filtersAreParsedWithClearErrors() {
        AuditQuery q = AuditResource.query(" ann ", "auth.", null, "", "2026-11-01", "2026-11-02", "50", "25");
        assertEquals("ann", q.actor());
        assertEquals("auth.", q.action());
        assertEquals(null, q.objectId());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), q.from());
        assertEquals(Instant.parse("2026-11-03T00:00:00Z"), q.to(), "a 'to' date includes that whole day");
        assertEquals(50, q.offset());
        assertEquals(25, q.limit());
        assertEquals(Instant.parse("2026-11-01T08:30:00Z"),
                AuditResource.query(null, null, null, null, "2026-11-01T08:30:00Z", null, "0", "1").from());

        assertField("limit", () -> AuditResource.query(null, null, null, null, null, null, "0", "1001"));
        assertField("limit", () -> AuditResource.query(null, null, null, null, null, null, "0", "ten"));
        assertField("offset", () -> AuditResource.query(null, null, null, null, null, null, "-1", "10"));
        assertField("from", () -> AuditResource.query(null, null, null, null, "yesterday", null, "0", "10"));
        assertField("to", () -> AuditResource.query(null, null, null, null, "2026-11-05", "2026-11-01", "0", "10"));
        assertField("action", () -> AuditResource.query(null, "x".repeat(65), null, null, null, null, "0", "10"));
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(400, e.status());
        assertEquals(field, e.field());
    }
}
