package io.sightline.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.sightline.api.model.ModelDefinition;
import io.sightline.api.model.ModelDefinition.Aggregation;
import io.sightline.api.model.ModelDefinition.Dimension;
import io.sightline.api.model.ModelDefinition.FieldType;
import io.sightline.api.model.ModelDefinition.Metric;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.TimeGrain;

/** Definitions checked on their own and against the data source's metadata; errors name the field. */
class ModelValidatorTest {
    private static final ModelDefinition SALES = Fixtures.sales();

    private static void check(ModelDefinition d) {
        ModelValidator.againstCatalog(ModelValidator.structure(d), Fixtures.catalog());
    }

    private static ModelException invalid(ModelDefinition d, String field) {
        ModelException e = assertThrows(ModelException.class, () -> check(d));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals("invalid", e.code());
        return e;
    }

    private static ModelDefinition withDimensions(UnaryOperator<List<Dimension>> change) {
        return new ModelDefinition(SALES.tables(), SALES.joins(), SALES.baseTable(),
                change.apply(new ArrayList<>(SALES.dimensions())), SALES.metrics());
    }

    private static ModelDefinition withMetric(Metric m) {
        List<Metric> metrics = new ArrayList<>(SALES.metrics());
        metrics.add(m);
        return new ModelDefinition(SALES.tables(), SALES.joins(), SALES.baseTable(), SALES.dimensions(), metrics);
    }

    @Test
    void theSalesModelFitsItsMetadata() {
        check(SALES);
    }

    @Test
    void unknownTablesAndColumnsAreNamedWithAHint() {
        ModelException column = invalid(withDimensions(ds -> {
            ds.set(2, new Dimension("ordered_at", null, "orders", "ORDERED_AT", FieldType.TIMESTAMP, null));
            return ds;
        }), "definition.dimensions[2].column");
        assertTrue(column.getMessage().contains("did you mean 'ordered_at'"), column.getMessage());
        List<ModelDefinition.TableRef> tables = new ArrayList<>(SALES.tables());
        tables.set(1, new ModelDefinition.TableRef("customers", "public", "clients"));
        invalid(new ModelDefinition(tables, SALES.joins(), "orders", SALES.dimensions(), SALES.metrics()),
                "definition.tables[1].table");
        tables.set(1, new ModelDefinition.TableRef("customers", "sales", "customers"));
        invalid(new ModelDefinition(tables, SALES.joins(), "orders", SALES.dimensions(), SALES.metrics()),
                "definition.tables[1].schema");
        invalid(withMetric(new Metric("x", null, Aggregation.CUSTOM, null, null, "SUM(${orders.price})")),
                "definition.metrics[7].expression");
    }

    @Test
    void everyTableMustBeJoinedToTheBaseTable() {
        ModelException e = invalid(new ModelDefinition(SALES.tables(), SALES.joins().subList(0, 1), "orders",
                List.of(), SALES.metrics()), "definition.tables[2].name");
        assertTrue(e.getMessage().contains("not joined to the base table 'orders'"), e.getMessage());
        invalid(new ModelDefinition(SALES.tables(), SALES.joins(), "nope", List.of(), SALES.metrics()), "definition.baseTable");
    }

    @Test
    void namesAreValidAndUnique() {
        invalid(withDimensions(ds -> {
            ds.add(new Dimension("Revenue", null, "orders", "amount", FieldType.NUMBER, null));
            return ds;
        }), "definition.metrics[0].name");
        invalid(withDimensions(ds -> {
            ds.set(0, new Dimension("the region", null, "countries", "region", FieldType.TEXT, null));
            return ds;
        }), "definition.dimensions[0].name");
        invalid(withDimensions(ds -> {
            ds.set(0, new Dimension("region", null, "countries", "region", FieldType.TEXT, List.of(TimeGrain.MONTH)));
            return ds;
        }), "definition.dimensions[0].timeGrains");
        invalid(withDimensions(ds -> {
            ds.set(3, null);
            return ds;
        }), "definition.dimensions[3]");
    }

    @Test
    void customExpressionsAreOneExpression() {
        for (String bad : List.of("SUM(1); DROP TABLE x", "SUM(1) -- x", "SUM(1) /* x */", "SUM({{p}})", "COUNT(?)",
                "MAX('a)")) {
            invalid(withMetric(new Metric("x", null, Aggregation.CUSTOM, null, null, bad)), "definition.metrics[7].expression");
        }
        invalid(withMetric(new Metric("x", null, Aggregation.CUSTOM, null, null, "SUM(${nope.amount})")),
                "definition.metrics[7].expression");
        invalid(withMetric(new Metric("x", null, Aggregation.SUM, "orders", null, null)), "definition.metrics[7].column");
        check(withMetric(new Metric("x", null, Aggregation.CUSTOM, null, null, "SUM(CASE WHEN ${countries.region} = 'EU' THEN 1 END)")));
    }

    @Test
    void aDimensionWithoutTypeGetsItsColumnsType() {
        ModelDefinition typed = ModelValidator.withTypes(withDimensions(ds -> {
            ds.set(1, new Dimension("ordered_on", null, "orders", "ordered_on", null, List.of(TimeGrain.YEAR)));
            ds.set(0, new Dimension("region", null, "countries", "region", null, null));
            return ds;
        }), Fixtures.catalog());
        assertEquals(FieldType.DATE, typed.dimensions().get(1).type());
        assertEquals(FieldType.TEXT, typed.dimensions().get(0).type());
        assertEquals(FieldType.TIMESTAMP, ModelValidator.typeOf("datetime(6)"));
        assertEquals(FieldType.NUMBER, ModelValidator.typeOf("DECIMAL(12,2)"));
        assertEquals(FieldType.BOOLEAN, ModelValidator.typeOf("bool"));
    }
}
