package io.sightline.api.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.api.rest.ApiException;

class QueryJsonTest {

    @Test
    void aTimeZoneIsAnIanaIdOrNothing() {
        assertEquals(ZoneId.of("Europe/Paris"), QueryJson.timeZone(" Europe/Paris ", "timeZone"));
        assertNull(QueryJson.timeZone(null, "timeZone"));
        assertNull(QueryJson.timeZone("", "timeZone"));
        for (String bad : new String[] {"Mars/Olympus", "Europe/", "+25:00", "../../etc/passwd"}) {
            ApiException e = assertThrows(ApiException.class, () -> QueryJson.timeZone(bad, "timeZone"), bad);
            assertEquals(400, e.status());
            assertEquals("timeZone", e.field());
            assertTrue(e.getMessage().contains("is not a time zone"), e.getMessage());
        }
    }

    @Test
    void theSqlViewSaysWhichZoneWasApplied() {
        BoundValue start = new BoundValue(1, "period", ParameterType.DATE_RANGE, LocalDate.parse("2026-02-23"));
        assertEquals("Asia/Tokyo", QueryJson.SqlView.of(new BoundSql("SELECT ?", List.of(start), ZoneId.of("Asia/Tokyo")))
                .timeZone());
        assertEquals("UTC", QueryJson.SqlView.of(new BoundSql("SELECT ?", List.of(start))).timeZone());
        assertEquals("2026-02-23", QueryJson.SqlView.of(new BoundSql("SELECT ?", List.of(start))).values().get(0).value());
        assertEquals(QueryRequest.UTC, new QueryRequest("ds", "SELECT 1", null, null, 0, true, null).effectiveTimeZone());
    }
}
