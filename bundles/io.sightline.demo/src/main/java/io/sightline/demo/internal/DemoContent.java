package io.sightline.demo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sightline.api.report.Dashboard;
import io.sightline.api.report.Report;
import io.sightline.api.report.SavedFilter;

/**
 * The demo dashboard "Demo sales" (P-9) as records ready for the content stores: six reports of
 * different chart types over the {@code sales} view, a saved filter of the regions, and a dashboard
 * with a date-range filter {@code period} (the last 12 months, as fixed dates: the query engine has
 * no relative dates) and a region filter {@code region}, both mapped to every report. The JSON
 * fields follow the shapes of docs/reports.md. Stateless.
 */
final class DemoContent {
    static final String DASHBOARD_NAME = "Demo sales";
    static final String REGIONS_SQL = "SELECT DISTINCT region FROM sales ORDER BY 1";
    /** The optional blocks every report ends its WHERE clause with: dropped while a filter is empty. */
    private static final String FILTERS = "WHERE 1 = 1 [[ AND ordered_on BETWEEN {{period.start}} AND {{period.end}} ]] "
            + "[[ AND region = {{region}} ]]";

    /** One report of the dashboard and where its tile sits on the 12-column grid. */
    record Tile(String name, String type, String sql, int x, int y, int w, int h) {}

    /**
     * Column labels are quoted so they read well in legends and table headers (H2 upper-cases plain
     * ones, and {@code month} is a keyword); the charts take their default columns (the first text
     * or date column across, every number up).
     */
    static final List<Tile> TILES = List.of(
            new Tile("Total revenue", "number", "SELECT sum(revenue) AS \"Revenue\" FROM sales " + FILTERS,
                    0, 0, 3, 4),
            new Tile("Revenue per month", "area", "SELECT FORMATDATETIME(ordered_on, 'yyyy-MM') AS \"Month\", "
                    + "sum(revenue) AS \"Revenue\" FROM sales " + FILTERS + " GROUP BY FORMATDATETIME(ordered_on, 'yyyy-MM') ORDER BY 1", 3, 0, 9, 4),
            new Tile("Revenue by region", "bar", "SELECT region AS \"Region\", sum(revenue) AS \"Revenue\" FROM sales "
                    + FILTERS + " GROUP BY region ORDER BY 2 DESC", 0, 4, 4, 5),
            new Tile("Revenue by category", "pie", "SELECT category AS \"Category\", sum(revenue) AS \"Revenue\" "
                    + "FROM sales " + FILTERS + " GROUP BY category ORDER BY 2 DESC", 4, 4, 4, 5),
            new Tile("Orders per month", "line", "SELECT FORMATDATETIME(ordered_on, 'yyyy-MM') AS \"Month\", "
                    + "count(DISTINCT order_id) AS \"Orders\" FROM sales " + FILTERS + " GROUP BY FORMATDATETIME(ordered_on, 'yyyy-MM') ORDER BY 1",
                    8, 4, 4, 5),
            new Tile("Top products", "table", "SELECT product AS \"Product\", category AS \"Category\", "
                    + "sum(quantity) AS \"Units\", sum(revenue) AS \"Revenue\" FROM sales " + FILTERS
                    + " GROUP BY product, category ORDER BY 4 DESC LIMIT 10", 0, 9, 12, 6));

    /** What {@link #build} makes, in the order to store it. */
    record Content(SavedFilter regions, List<Report> reports, Dashboard dashboard) {}

    private DemoContent() {}

    /** The default period: a relative range (docs/queries.md), so it moves with time. */
    static final String PERIOD = "last 365 days";

    /** The report parameters, as {@code parametersJson} declares them (QueryJson.ParameterInput). */
    static List<Map<String, Object>> parameters() {
        return List.of(
                parameter("period", "DATE_RANGE", "Period", PERIOD),
                parameter("region", "TEXT", "Region", null));
    }

    private static Map<String, Object> parameter(String name, String type, String label, Object defaultValue) {
        return ordered("name", name, "type", type, "required", false, "defaultValue", defaultValue, "label", label);
    }

    /** A JSON object with its keys in the given order; values may be null (unlike Map.of). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * The content for one organization, owned by {@code ownerId}.
     *
     * @param regions the saved filter's values, as {@link #REGIONS_SQL} reads them today
     */
    static Content build(String organizationId, String ownerId, String dataSourceId, List<String> regions,
            Instant now) {
        SavedFilter filter = new SavedFilter(newId(), organizationId, "Demo sales regions", dataSourceId, REGIONS_SQL,
                MiniJson.write(regions), now, 86_400, ownerId, now, now);
        String parametersJson = MiniJson.write(parameters());
        List<Report> reports = new ArrayList<>();
        List<Object> tiles = new ArrayList<>();
        for (int i = 0; i < TILES.size(); i++) {
            Tile t = TILES.get(i);
            Report report = new Report(newId(), organizationId, t.name(), "Demo: " + t.name().toLowerCase() + " of the "
                    + "sample sales.", dataSourceId, t.sql(), parametersJson, null, null, t.type(),
                    "{}", ownerId, now, now);
            reports.add(report);
            tiles.add(ordered("id", "demo-" + (i + 1), "kind", "report", "reportId", report.id(), "text", null,
                    "x", t.x(), "y", t.y(), "w", t.w(), "h", t.h(),
                    "parameterMap", Map.of("period", "period", "region", "region")));
        }
        List<Object> filters = List.of(
                dashboardFilter("period", "Period", "DATE_RANGE", PERIOD, null),
                dashboardFilter("region", "Region", "TEXT", null, filter.id()));
        Dashboard dashboard = new Dashboard(newId(), organizationId, DASHBOARD_NAME,
                "Two years of sample sales in an embedded database: change the period or the region and every tile "
                        + "follows. Delete it when you no longer need it; it does not come back.",
                MiniJson.write(filters), MiniJson.write(tiles), 0, ownerId, now, now);
        return new Content(filter, reports, dashboard);
    }

    private static Map<String, Object> dashboardFilter(String name, String label, String type, Object defaultValue,
            String savedFilterId) {
        return ordered("name", name, "label", label, "type", type, "defaultValue", defaultValue,
                "savedFilterId", savedFilterId);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
