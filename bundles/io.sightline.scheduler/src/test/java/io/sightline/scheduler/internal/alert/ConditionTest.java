package io.sightline.scheduler.internal.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.api.query.BoundSql;
import io.sightline.api.query.QueryColumn;
import io.sightline.api.query.QueryResult;
import io.sightline.api.rest.ApiException;

class ConditionTest {

    private static QueryResult result(List<List<Object>> rows) {
        return new QueryResult("q", "ds", new BoundSql("SELECT", List.of()),
                List.of(new QueryColumn("region", "text", QueryColumn.Kind.TEXT),
                        new QueryColumn("total", "numeric", QueryColumn.Kind.NUMBER)),
                rows, false, 10_000, 3, Instant.now(), false);
    }

    private static Condition c(String type, String column, String op, String threshold) {
        return Condition.of(new Condition(type, column, op, threshold == null ? null : new BigDecimal(threshold)));
    }

    @Test
    void eachTypeHoldsWhenItShould() {
        QueryResult none = result(List.of());
        QueryResult two = result(List.of(List.of("EU", new BigDecimal("120.50")), List.of("US", new BigDecimal("80"))));
        assertFalse(c("any_rows", null, null, null).evaluate(none, null).holds());
        assertTrue(c("ANY_ROWS", null, null, null).evaluate(two, null).holds());
        assertTrue(c("ROW_COUNT", null, "ABOVE", "1").evaluate(two, null).holds());
        assertFalse(c("ROW_COUNT", null, "BELOW", "2").evaluate(two, null).holds());
        assertTrue(c("ROW_COUNT", null, "EQUAL", "0").evaluate(none, null).holds());
        Condition.Outcome v = c("VALUE", "TOTAL", "ABOVE", "100").evaluate(two, null);
        assertTrue(v.holds());
        assertEquals("120.50", v.value());
        assertFalse(c("VALUE", "total", "BELOW", "100").evaluate(two, null).holds());
        assertFalse(c("VALUE", "total", "ABOVE", "1").evaluate(none, null).holds(), "no rows: nothing to compare");
        assertTrue(c("VALUE", "region", "EQUAL", "0").evaluate(result(List.of(List.of("0", 1))), null).holds());
        assertFalse(c("VALUE", "region", "ABOVE", "0").evaluate(two, null).holds(), "text is only ever equal");

        Condition changed = c("CHANGED", null, null, null);
        Condition.Outcome first = changed.evaluate(two, null);
        assertFalse(first.holds(), "the first run is the baseline");
        assertFalse(changed.evaluate(two, first.value()).holds());
        assertTrue(changed.evaluate(none, first.value()).holds());
        assertTrue(c("CHANGED", "region", null, null).evaluate(result(List.of(List.of("US", 1))), "EU").holds());
    }

    @Test
    void badConditionsNameTheirField() {
        assertEquals("condition.type", assertThrows(ApiException.class, () -> c("SOMETIMES", null, null, null)).field());
        assertEquals("condition.type", assertThrows(ApiException.class, () -> Condition.of(null)).field());
        assertEquals("condition.column", assertThrows(ApiException.class, () -> c("VALUE", " ", "ABOVE", "1")).field());
        assertEquals("condition.operator", assertThrows(ApiException.class, () -> c("ROW_COUNT", null, "OVER", "1")).field());
        assertEquals("condition.threshold", assertThrows(ApiException.class, () -> c("VALUE", "total", "ABOVE", null)).field());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> c("VALUE", "amount", "ABOVE", "1").evaluate(result(List.of(List.of("EU", 1))), null));
        assertTrue(missing.getMessage().contains("amount"), missing.getMessage());
    }

    @Test
    void slackPayloadCarriesTextAndTheLink() throws Exception {
        var alert = new io.sightline.api.schedule.Alert("a1", "o", "Big \"orders\"", "ds", "SELECT 1", null, "{}", "{}",
                "OK", null, null, null, "u", Instant.now(), Instant.now());
        var json = Alerts.JSON.readTree(Alerts.slack(alert, "row count above 1",
                new Condition.Outcome(true, "2", 2, "2 rows."), "https://sl.example/alerts/a1"));
        assertTrue(json.get("text").asText().contains("Big \"orders\""));
        assertTrue(json.get("text").asText().contains("<https://sl.example/alerts/a1|Open in Sightline>"));
        assertEquals("mrkdwn", json.get("blocks").get(0).get("text").get("type").asText());
        assertEquals("a1", json.get("sightline").get("alertId").asText());
    }
}
