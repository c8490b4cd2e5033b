package io.sightline.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.api.account.Role;
import io.sightline.api.auth.Caller;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.SemanticModels;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.rest.ApiException;
import io.sightline.report.internal.ContentJson.Where;

/** Model compilation and the cross-filter wrapping, without a database. */
class ReportRunnerTest {
    private final Caller caller = new Caller("ann", "o1", Role.MEMBER, "s");

    @Test
    void modelReportsRunTheCompiledSqlWithTheReportValuesAndTheGeneratedOnes() {
        ModelQuery selection = new ModelQuery(List.of(new ModelQuery.Dimension("region", null)), List.of("revenue"), null,
                null, 0);
        SemanticModels models = (c, modelId, q, params) -> new CompiledQuery("ds-of-model",
                "SELECT region, SUM(total) FROM orders WHERE year = {{sl_f0}} [[AND region = {{r}}]] GROUP BY region",
                List.of(ParameterDefinition.of("r", ParameterType.TEXT, false),
                        ParameterDefinition.of("sl_f0", ParameterType.NUMBER, true)),
                Map.of("sl_f0", 2026));
        ReportRunner runner = new ReportRunner(new Fakes.Queries(), null, null, () -> models);
        QueryRequest q = runner.request(caller, new ReportRunner.Spec(null, null,
                List.of(ParameterDefinition.of("r", ParameterType.TEXT, false)), "m1", selection),
                Map.of("r", "EMEA", "sl_f0", 1999), true, 0, java.time.ZoneId.of("Asia/Tokyo"));
        assertEquals("ds-of-model", q.dataSourceId());
        assertEquals(java.time.ZoneId.of("Asia/Tokyo"), q.timeZone(), "a model report runs in the user's zone");
        assertEquals(Map.of("r", "EMEA", "sl_f0", 2026), q.values(), "the generated values win");
        assertTrue(!q.useCache());

        ReportRunner without = new ReportRunner(new Fakes.Queries(), null, null, () -> null);
        ApiException e = assertThrows(ApiException.class, () -> without.request(caller, new ReportRunner.Spec(null, null,
                List.of(), "m1", selection), Map.of(), false, 0, null));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("semantic models module"));
    }

    @Test
    void aPreviewTakesTheTimeZoneInEitherShape() {
        assertEquals("Asia/Tokyo", ReportResource.previewInput(Map.of("name", "Draft", "sql", "SELECT 1",
                "timeZone", "Asia/Tokyo")).timeZone());
        assertEquals("Draft", ReportResource.previewInput(Map.of("name", "Draft", "timeZone", "Asia/Tokyo")).report().name());
        assertEquals("Europe/Paris", ReportResource.previewInput(Map.of("report", Map.of("name", "Draft"),
                "timeZone", "Europe/Paris")).timeZone());
        assertEquals(null, ReportResource.previewInput(Map.of("name", "Draft")).timeZone());
        assertEquals("timeZone", assertThrows(ApiException.class,
                () -> ReportResource.previewInput(Map.of("name", "Draft", "timeZone", 9))).field());
    }

    @Test
    void wrappingQuotesTheColumnBindsTheValueAndSurvivesTrailingSemicolonsAndComments() {
        QueryRequest base = new QueryRequest("ds", "SELECT * FROM sales -- all\n;  ", List.of(
                ParameterDefinition.of("sl_where_0", ParameterType.TEXT, false)), Map.of(), 0, true, null);
        QueryRequest q = ReportRunner.wrap(base, List.of(new Where("day", "2026-01-31", "date"), new Where("note", null, null)),
                c -> "\"" + c + "\"");
        assertEquals("SELECT * FROM (\nSELECT * FROM sales -- all\n) sl_q WHERE \"day\" = {{sl_where_0_}} AND \"note\" IS NULL",
                q.sql());
        assertEquals(ParameterType.DATE, q.parameters().get(1).type());
        assertEquals("2026-01-31", q.values().get("sl_where_0_"));
        for (String bad : List.of("a b", "x\"y", "1col", "t.col", "")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> ReportRunner.wrap(base, List.of(new Where("ok", 1, null), new Where(bad, 1, null)), c -> c));
            assertEquals("where[1].column", e.field());
        }
        assertEquals("where[0].value", assertThrows(ApiException.class,
                () -> ReportRunner.wrap(base, List.of(new Where("ok", true, null)), c -> c)).field());
        assertEquals("where[0].value", assertThrows(ApiException.class,
                () -> ReportRunner.wrap(base, List.of(new Where("ok", "abc", "NUMBER")), c -> c)).field());
        assertEquals("where[0].type", assertThrows(ApiException.class,
                () -> ReportRunner.wrap(base, List.of(new Where("ok", "abc", "LIST")), c -> c)).field());
    }
}
