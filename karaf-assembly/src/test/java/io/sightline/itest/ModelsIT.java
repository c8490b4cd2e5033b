package io.sightline.itest;

import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.newEmail;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.org;
import static io.sightline.itest.ApiClient.token;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Semantic models over HTTPS on the demo data source (SPEC ): an Admin models the demo's
 * sales, compiles revenue by month and region and runs it through the query API; the numbers
 * agree with plain SQL; a Member without a share sees nothing; invalid definitions name the field.
 */
public class ModelsIT {
    private static ApiClient api;
    private static JsonNode owner;
    private static JsonNode admin;
    private static JsonNode member;
    private static String demo;

    @BeforeClass
    public static void start() throws Exception {
        api = ApiClient.start("models-it");
        owner = api.owner("mona");
        admin = join("ada", "ADMIN");
        member = join("max", "MEMBER");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (demo == null) {
            for (JsonNode d : ok(api.call("GET", "/datasources", null, token(owner)), 200)) {
                if (d.get("name").asText().equals("Demo sales")) {
                    demo = d.get("id").asText();
                }
            }
            assertTrue("no demo data source within 60 s", demo != null || System.nanoTime() < deadline);
            Thread.sleep(200); // created in the background after sign-up
        }
        ok(api.call("POST", "/datasources/" + demo + "/schema/refresh", null, token(admin)), 200);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (api != null) {
            api.stop();
        }
    }

    private static JsonNode join(String who, String role) throws Exception {
        String email = newEmail(who);
        ok(api.call("POST", "/orgs/" + org(owner) + "/members", Map.of("email", email, "role", role), token(owner)), 202);
        ok(api.call("POST", "/auth/invitation", Map.of("token", api.linkToken(email, "invitation"), "displayName", who,
                "password", ApiClient.PASSWORD), null), 200);
        return api.login(email, ApiClient.PASSWORD);
    }

    private static HttpResponse<String> call(JsonNode who, String method, String path, Object body) throws Exception {
        return api.call(method, path, body, token(who));
    }

    private static Map<String, Object> table(String name, String table) {
        return Map.of("name", name, "schema", "PUBLIC", "table", table);
    }

    private static Map<String, Object> join(String from, String fromColumn, String to, String toColumn) {
        return Map.of("from", from, "fromColumn", fromColumn, "to", to, "toColumn", toColumn, "type", "INNER");
    }

    private static Map<String, Object> dimension(String name, String table, String column, String type, List<String> grains) {
        Map<String, Object> d = new HashMap<>(Map.of("name", name, "label", name, "table", table, "column", column,
                "type", type));
        d.put("timeGrains", grains);
        return d;
    }

    private static Map<String, Object> model(String name, String regionColumn) {
        Map<String, Object> units = Map.of("name", "units", "label", "Units", "aggregation", "SUM", "table", "lines",
                "column", "QUANTITY");
        Map<String, Object> revenue = Map.of("name", "revenue", "label", "Revenue", "aggregation", "CUSTOM", "expression",
                "SUM(${lines.QUANTITY} * ${lines.UNIT_PRICE} * (1 - ${lines.DISCOUNT}))");
        Map<String, Object> orders = Map.of("name", "orders", "label", "Orders", "aggregation", "COUNT_DISTINCT",
                "table", "orders", "column", "ID");
        Map<String, Object> definition = Map.of(
                "tables", List.of(table("lines", "ORDER_LINES"), table("orders", "ORDERS"), table("customers", "CUSTOMERS"),
                        table("countries", "COUNTRIES"), table("products", "PRODUCTS")),
                "joins", List.of(join("lines", "ORDER_ID", "orders", "ID"), join("orders", "CUSTOMER_ID", "customers", "ID"),
                        join("customers", "COUNTRY", "countries", "NAME"), join("lines", "PRODUCT_ID", "products", "ID")),
                "baseTable", "lines",
                "dimensions", List.of(dimension("region", "countries", regionColumn, "TEXT", List.of()),
                        dimension("ordered_on", "orders", "ORDERED_ON", "DATE", List.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR")),
                        dimension("category", "products", "CATEGORY", "TEXT", List.of())),
                "metrics", List.of(units, revenue, orders));
        return Map.of("name", name, "description", "Demo sales by region and time", "dataSourceId", demo,
                "definition", definition);
    }

    private static JsonNode run(JsonNode who, JsonNode compiled) throws Exception {
        Map<String, Object> query = new HashMap<>();
        query.put("dataSourceId", compiled.get("dataSourceId").asText());
        query.put("sql", compiled.get("sql").asText());
        query.put("parameters", compiled.get("parameters"));
        query.put("values", compiled.get("values"));
        query.put("maxRows", 5000);
        return ok(call(who, "POST", "/queries", query), 200);
    }

    @Test
    public void anAdminModelsTheDemoAndRunsRevenueByMonthAndRegion() throws Exception {
        JsonNode created = ok(call(admin, "POST", "/models", model("Demo sales", "REGION")), 201);
        String id = created.get("id").asText();
        assertEquals("OWNER", created.get("access").asText());
        assertEquals(id, ok(call(admin, "GET", "/models", null), 200).get(0).get("id").asText());
        JsonNode fields = ok(call(admin, "GET", "/models/" + id + "/fields", null), 200);
        assertEquals("MONTH", fields.get("dimensions").get(1).get("timeGrains").get(2).asText());

        Map<String, Object> selection = Map.of(
                "dimensions", List.of(Map.of("name", "ordered_on", "grain", "MONTH"), Map.of("name", "region")),
                "metrics", List.of("units", "revenue", "orders"),
                "sort", List.of(Map.of("field", "ordered_on", "descending", false), Map.of("field", "region", "descending", false)));
        JsonNode compiled = ok(call(admin, "POST", "/models/" + id + "/compile", selection), 200);
        String sql = compiled.get("sql").asText();
        assertTrue(sql, sql.contains("DATE_TRUNC('MONTH', \"orders\".\"ORDERED_ON\")"));
        assertFalse("products are not joined: " + sql, sql.contains("PRODUCTS"));
        JsonNode result = run(admin, compiled);
        assertTrue(result.get("rowCount").asInt() >= 24 * 4 - 4);
        long units = 0;
        for (JsonNode row : result.get("rows")) {
            assertTrue(row.toString(), row.get(0).asText().endsWith("-01"));
            units += row.get(2).asLong();
        }
        JsonNode plain = ok(call(admin, "POST", "/queries", Map.of("dataSourceId", demo,
                "sql", "SELECT sum(quantity) FROM order_lines")), 200);
        assertEquals(plain.get("rows").get(0).get(0).asLong(), units);

        // A fixed filter value is bound, never spliced; a metric filter is HAVING.
        String region = result.get("rows").get(0).get(1).asText();
        JsonNode one = ok(call(admin, "POST", "/models/" + id + "/compile", Map.of("dimensions", List.of(Map.of("name", "region")),
                "metrics", List.of("orders"), "filters", List.of(
                        Map.of("field", "region", "operator", "IN", "values", List.of(region, "' OR 1=1 --")),
                        Map.of("field", "orders", "operator", "GREATER", "values", List.of(0))))), 200);
        assertFalse(one.get("sql").asText().contains("OR 1=1"));
        assertTrue(one.get("sql").asText().contains("HAVING"));
        JsonNode oneResult = run(admin, one);
        assertEquals(1, oneResult.get("rowCount").asInt());
        assertEquals(region, oneResult.get("rows").get(0).get(0).asText());

        // A Member without a share: the model does not exist for them; writing needs datasource:manage.
        error(call(member, "GET", "/models/" + id, null), 404, null);
        error(call(member, "POST", "/models/" + id + "/compile", selection), 404, null);
        assertEquals(0, ok(call(member, "GET", "/models", null), 200).size());
        error(call(member, "POST", "/models", model("Mine", "REGION")), 403, null);
        // The Owner's role does not open the Admin's private model either.
        error(call(owner, "GET", "/models/" + id, null), 404, null);
        error(call(owner, "DELETE", "/models/" + id, null), 404, null);

        // Shared with the Member for reading through /api/shares: they compile and run it, but not change it.
        String memberId = member.get("user").get("id").asText();
        JsonNode share = ok(call(admin, "POST", "/shares", Map.of("objectType", "model", "objectId", id, "userId", memberId,
                "access", "READ")), 201);
        assertEquals(1, ok(call(member, "GET", "/models", null), 200).size());
        assertEquals(result.get("rowCount"), run(member, ok(call(member, "POST", "/models/" + id + "/compile", selection), 200)).get("rowCount"));
        error(call(member, "PUT", "/models/" + id, model("Taken over", "REGION")), 403, null);
        ok(call(admin, "DELETE", "/shares/" + share.get("id").asText(), null), 204);
        error(call(member, "GET", "/models/" + id, null), 404, null);

        ok(call(admin, "PUT", "/models/" + id, model("Demo sales (v2)", "REGION")), 200);
        ok(call(admin, "DELETE", "/models/" + id, null), 204);
        error(call(admin, "GET", "/models/" + id, null), 404, null);
    }

    @Test
    public void aReportFromTheModelAndOneFromSqlShareADashboardFilter() throws Exception {
        String modelId = ok(call(admin, "POST", "/models", model("Dashboard sales", "REGION")), 201).get("id").asText();
        List<Map<String, Object>> regionParameter = List.of(Map.of("name", "region", "type", "TEXT", "required", false));
        Map<String, Object> fromModel = new HashMap<>();
        fromModel.put("name", "Orders by category (model)");
        fromModel.put("modelId", modelId);
        fromModel.put("modelQuery", Map.of("dimensions", List.of(Map.of("name", "category")), "metrics", List.of("orders"),
                "filters", List.of(Map.of("field", "region", "operator", "EQUALS", "parameter", "region")),
                "sort", List.of(Map.of("field", "category", "descending", false)), "limit", 0));
        fromModel.put("parameters", regionParameter);
        fromModel.put("visualization", Map.of("type", "bar", "settings", Map.of()));
        String modelReport = ok(call(admin, "POST", "/reports", fromModel), 201).get("id").asText();
        Map<String, Object> fromSql = new HashMap<>();
        fromSql.put("name", "Orders (SQL)");
        fromSql.put("dataSourceId", demo);
        fromSql.put("sql", "SELECT count(DISTINCT order_id) AS orders FROM sales WHERE 1 = 1 [[ AND region = {{region}} ]]");
        fromSql.put("parameters", regionParameter);
        fromSql.put("visualization", Map.of("type", "number", "settings", Map.of()));
        String sqlReport = ok(call(admin, "POST", "/reports", fromSql), 201).get("id").asText();
        List<Map<String, Object>> tiles = List.of(
                Map.of("id", "m", "kind", "report", "reportId", modelReport, "x", 0, "y", 0, "w", 6, "h", 4,
                        "parameterMap", Map.of("region", "area")),
                Map.of("id", "s", "kind", "report", "reportId", sqlReport, "x", 6, "y", 0, "w", 6, "h", 4,
                        "parameterMap", Map.of("region", "area")));
        String dashboard = ok(call(admin, "POST", "/dashboards", Map.of("name", "Model and SQL",
                "filters", List.of(Map.of("name", "area", "label", "Region", "type", "TEXT")), "tiles", tiles,
                "autoRefreshSeconds", 0)), 201).get("id").asText();

        // Unfiltered, then filtered: both tiles follow the one dashboard filter, and they agree.
        long all = sum(ok(call(admin, "POST", "/dashboards/" + dashboard + "/tiles/m/run", Map.of("values", Map.of())), 200));
        JsonNode allSql = ok(call(admin, "POST", "/dashboards/" + dashboard + "/tiles/s/run", Map.of("values", Map.of())), 200);
        String region = ok(call(admin, "POST", "/queries", Map.of("dataSourceId", demo,
                "sql", "SELECT min(region) FROM sales")), 200).get("rows").get(0).get(0).asText();
        JsonNode oneModel = ok(call(admin, "POST", "/dashboards/" + dashboard + "/tiles/m/run",
                Map.of("values", Map.of("area", region))), 200);
        JsonNode oneSql = ok(call(admin, "POST", "/dashboards/" + dashboard + "/tiles/s/run",
                Map.of("values", Map.of("area", region))), 200);
        long one = sum(oneModel);
        assertTrue(oneModel.get("sql").get("sql").asText(), oneModel.get("sql").get("sql").asText().contains("?"));
        assertTrue(one + " of " + all, one > 0 && one < all);
        assertTrue(oneSql.get("rows").get(0).get(0).asLong() < allSql.get("rows").get(0).get(0).asLong());
        // An order with lines in several categories counts once per category.
        assertTrue(one >= oneSql.get("rows").get(0).get(0).asLong());
    }

    private static long sum(JsonNode result) {
        long total = 0;
        for (JsonNode row : result.get("rows")) {
            total += row.get(1).asLong();
        }
        return total;
    }

    @Test
    public void invalidModelsAndSelectionsNameTheField() throws Exception {
        JsonNode wrongColumn = error(call(admin, "POST", "/models", model("Broken", "Region")), 400,
                "definition.dimensions[0].column");
        assertTrue(wrongColumn.get("message").asText(), wrongColumn.get("message").asText().contains("REGION"));
        Map<String, Object> body = new HashMap<>(model("Broken", "REGION"));
        body.put("dataSourceId", "no-such-id");
        error(call(admin, "POST", "/models", body), 400, "dataSourceId");
        error(call(admin, "POST", "/models", Map.of("name", "", "dataSourceId", demo)), 400, "name");

        String id = ok(call(admin, "POST", "/models", model("Valid", "REGION")), 201).get("id").asText();
        error(call(admin, "POST", "/models/" + id + "/compile", Map.of("dimensions", List.of(Map.of("name", "nope")))), 400,
                "dimensions[0].name");
        error(call(admin, "POST", "/models/" + id + "/compile", Map.of("dimensions",
                List.of(Map.of("name", "region", "grain", "MONTH")))), 400, "dimensions[0].grain");
        error(call(admin, "POST", "/models/" + id + "/compile", Map.of("metrics", List.of("units"), "filters",
                List.of(Map.of("field", "ordered_on", "operator", "LESS", "values", List.of("yesterday"))))), 400,
                "filters[0].values[0]");
        error(call(admin, "POST", "/models/" + id + "/compile", Map.of("metrics", List.of("units"), "limit", -1)), 400, "limit");
        error(call(admin, "POST", "/models/" + id + "/compile", Map.of("metrics", List.of("units"), "sort",
                List.of(Map.of("field", "revenue", "descending", true)))), 400, "sort[0].field");
        ok(call(admin, "DELETE", "/models/" + id, null), 204);
    }
}
