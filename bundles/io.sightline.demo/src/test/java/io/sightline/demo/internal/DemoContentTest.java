package io.sightline.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.DateRange;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.ParameterValues;
import io.sightline.api.query.QueryJson;
import io.sightline.api.report.Report;
import io.sightline.query.internal.sql.SqlTemplate;

/**
 * The demo dashboard's content on a real demo database: every report's SQL, bound by the query
 * module's template code as a dashboard run binds it, returns rows; the filters narrow them.
 */
class DemoContentTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final char[] PASSWORD = "reader-secret-123".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoContent.Content content;

    @TempDir
    static Path folder;

    @BeforeAll
    static void create() throws Exception {
        DemoDataSource.create(folder, PASSWORD, TODAY);
        content = DemoContent.build("org-1", "owner-1", "ds-1", SalesData.regions(), Instant.now());
        connection = DemoDataSourceTest.reader(folder, PASSWORD);
    }

    /** One connection for every run: opening the file is what costs. */
    private static Connection connection;

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }


    /** Binds a report's SQL as the query service does and answers its rows. */
    private static List<List<Object>> run(Report report, Map<String, Object> values) throws Exception {
        List<QueryJson.ParameterInput> inputs = JSON.readValue(report.parametersJson(), new TypeReference<>() {});
        Map<String, ParameterDefinition> definitions = new java.util.LinkedHashMap<>();
        QueryJson.definitions(inputs, "parameters").forEach(d -> definitions.put(d.name(), d));
        BoundSql bound = SqlTemplate.parse(report.sql()).bind(definitions, values, TODAY);
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(bound.sql())) {
            for (BoundValue v : bound.values()) {
                ps.setObject(v.index(), v.value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void sixReportsOfSixChartTypes() {
        assertEquals(6, content.reports().size());
        Set<String> types = new HashSet<>();
        content.reports().forEach(r -> types.add(r.visualizationType()));
        assertEquals(Set.of("bar", "line", "pie", "number", "table", "area"), types);
        content.reports().forEach(r -> assertEquals("owner-1", r.createdBy()));
        assertEquals("Demo sales", content.dashboard().name());
    }

    @Test
    void everyReportReturnsRowsWithTheDashboardDefaultsAndTheFiltersNarrowThem() throws Exception {
        Map<String, Object> period = Map.of("start", TODAY.minusDays(364).toString(), "end", TODAY.toString());
        Map<String, Object> twoYears = Map.of("start", TODAY.minusYears(2).toString(), "end", TODAY.toString());
        for (Report report : content.reports()) {
            List<List<Object>> all = run(report, Map.of("period", twoYears));
            List<List<Object>> lastYear = run(report, Map.of()); // the report's own default: the last 365 days
            assertEquals(lastYear, run(report, Map.of("period", period)), report.name());
            List<List<Object>> eu = run(report, Map.of("period", period, "region", "EU"));
            assertTrue(!all.isEmpty() && !lastYear.isEmpty() && !eu.isEmpty(), report.name());
            assertTrue(eu.get(0).stream().allMatch(v -> v != null), report.name() + ": " + eu.get(0));
            if (report.visualizationType().equals("number")) {
                BigDecimal total = (BigDecimal) all.get(0).get(0);
                BigDecimal year = (BigDecimal) lastYear.get(0).get(0);
                BigDecimal europe = (BigDecimal) eu.get(0).get(0);
                assertTrue(total.compareTo(year) > 0 && year.compareTo(europe) > 0, total + " " + year + " " + europe);
            }
            if (report.name().equals("Revenue per month")) {
                assertEquals(25, all.size(), "two years of months (a partial one at each end)");
                assertTrue(lastYear.size() <= 13, "the last 12 months: " + lastYear.size());
            }
            if (report.name().equals("Revenue by region")) {
                assertEquals(1, eu.size());
                assertEquals("EU", eu.get(0).get(0));
            }
        }
    }

    @Test
    void theRegionFilterHoldsWhatItsSqlReads() throws Exception {
        List<String> read = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery(DemoContent.REGIONS_SQL)) {
            while (rs.next()) {
                read.add(rs.getString(1));
            }
        }
        assertEquals(read, SalesData.regions());
        assertEquals(read, JSON.readValue(content.regions().valuesJson(), new TypeReference<List<String>>() {}));
        assertNotEquals(null, content.regions().refreshedAt());
    }

    @Test
    void theDashboardMapsBothFiltersToEveryTile() throws Exception {
        List<Map<String, Object>> filters = JSON.readValue(content.dashboard().filtersJson(), new TypeReference<>() {});
        assertEquals(List.of("period", "region"), filters.stream().map(f -> f.get("name")).toList());
        assertEquals("DATE_RANGE", filters.get(0).get("type"));
        assertEquals("last 365 days", filters.get(0).get("defaultValue"));
        // As the dashboard run reads the default: the 365 days up to today.
        assertEquals(new DateRange(TODAY.minusDays(364), TODAY),
                ParameterValues.convert("period", ParameterType.DATE_RANGE, filters.get(0).get("defaultValue"), TODAY));
        assertEquals(content.regions().id(), filters.get(1).get("savedFilterId"));
        assertNull(filters.get(1).get("defaultValue"));

        List<Map<String, Object>> tiles = JSON.readValue(content.dashboard().tilesJson(), new TypeReference<>() {});
        assertEquals(6, tiles.size());
        Set<Object> reportIds = new HashSet<>();
        for (Map<String, Object> tile : tiles) {
            assertEquals(Map.of("period", "period", "region", "region"), tile.get("parameterMap"));
            int x = (Integer) tile.get("x");
            int w = (Integer) tile.get("w");
            assertTrue(x >= 0 && w >= 1 && x + w <= 12, tile.toString());
            reportIds.add(tile.get("reportId"));
        }
        assertEquals(content.reports().stream().map(Report::id).collect(java.util.stream.Collectors.toSet()), reportIds);
    }

    @Test
    void miniJsonEscapes() throws Exception {
        String text = "a \"quoted\" \\ line\nnext\u0001";
        assertEquals(text, JSON.readValue(MiniJson.write(List.of(text)), new TypeReference<List<String>>() {}).get(0));
        assertEquals("{\"a\":[1,true,null]}", MiniJson.write(Map.of("a", java.util.Arrays.asList(1, true, null))));
    }

    @Test
    void markerValuesAreReadBack() {
        assertEquals(Map.of("organization", "o", "datasource", "d"), DemoDataSource.markerValues("organization=o\ndatasource=d\n"));
    }
}
