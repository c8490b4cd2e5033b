package io.sightline.model.internal;

import java.util.List;
import java.util.function.UnaryOperator;

import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.model.ModelDefinition;
import io.sightline.api.model.ModelDefinition.Aggregation;
import io.sightline.api.model.ModelDefinition.Dimension;
import io.sightline.api.model.ModelDefinition.FieldType;
import io.sightline.api.model.ModelDefinition.Join;
import io.sightline.api.model.ModelDefinition.JoinType;
import io.sightline.api.model.ModelDefinition.Metric;
import io.sightline.api.model.ModelDefinition.TableRef;
import io.sightline.api.model.TimeGrain;
import io.sightline.driver.derby.internal.DerbyDriver;
import io.sightline.driver.h2.internal.H2Driver;
import io.sightline.driver.mariadb.internal.MariadbDriver;
import io.sightline.driver.postgresql.internal.PostgresqlDriver;

/** A small sales model (orders → customers → countries, orders → products) and the real dialects. */
final class Fixtures {
    static final DatabaseDriver POSTGRESQL = new PostgresqlDriver();
    static final DatabaseDriver MARIADB = new MariadbDriver();
    static final DatabaseDriver H2 = new H2Driver();
    static final DatabaseDriver DERBY = new DerbyDriver();
    static final List<TimeGrain> ALL_GRAINS = List.of(TimeGrain.values());

    private Fixtures() {}

    /** The model over {@code schema}; {@code name} spells table and column names as the database stores them. */
    static ModelDefinition sales(String schema, UnaryOperator<String> name) {
        return new ModelDefinition(
                List.of(new TableRef("orders", schema, name.apply("orders")),
                        new TableRef("customers", schema, name.apply("customers")),
                        new TableRef("countries", schema, name.apply("countries")),
                        new TableRef("products", schema, name.apply("products"))),
                List.of(new Join("orders", name.apply("customer_id"), "customers", name.apply("id"), JoinType.LEFT),
                        new Join("countries", name.apply("name"), "customers", name.apply("country"), JoinType.INNER),
                        new Join("orders", name.apply("product_id"), "products", name.apply("id"), JoinType.INNER)),
                "orders",
                List.of(new Dimension("region", "Region", "countries", name.apply("region"), FieldType.TEXT, null),
                        new Dimension("ordered_on", "Order date", "orders", name.apply("ordered_on"), FieldType.DATE, ALL_GRAINS),
                        new Dimension("ordered_at", "Order time", "orders", name.apply("ordered_at"), FieldType.TIMESTAMP, ALL_GRAINS),
                        new Dimension("customer", null, "customers", name.apply("name"), FieldType.TEXT, null),
                        new Dimension("active", null, "customers", name.apply("active"), FieldType.BOOLEAN, null),
                        new Dimension("category", null, "products", name.apply("category"), FieldType.TEXT, null)),
                List.of(new Metric("revenue", "Revenue", Aggregation.SUM, "orders", name.apply("amount"), null),
                        new Metric("orders", "Orders", Aggregation.COUNT, null, null, null),
                        new Metric("buyers", null, Aggregation.COUNT_DISTINCT, "orders", name.apply("customer_id"), null),
                        new Metric("avg_quantity", null, Aggregation.AVG, "orders", name.apply("quantity"), null),
                        new Metric("smallest", null, Aggregation.MIN, "orders", name.apply("amount"), null),
                        new Metric("largest", null, Aggregation.MAX, "orders", name.apply("amount"), null),
                        new Metric("per_unit", null, Aggregation.CUSTOM, null, null,
                                "SUM(${orders." + name.apply("amount") + "}) / SUM(${orders." + name.apply("quantity") + "})")));
    }

    static ModelDefinition sales() {
        return sales("public", UnaryOperator.identity());
    }

    /** The metadata the data source module would have stored for {@link #sales()}. */
    static Catalog catalog() {
        return Catalog.of(List.of(new SchemaInfo("public", List.of(
                table("orders", "id:integer", "customer_id:integer", "product_id:integer", "ordered_on:date",
                        "ordered_at:timestamp", "amount:numeric", "quantity:integer"),
                table("customers", "id:integer", "name:varchar", "country:varchar", "active:boolean"),
                table("countries", "name:varchar", "region:varchar"),
                table("products", "id:integer", "category:varchar")))));
    }

    private static SchemaInfo.Table table(String name, String... columns) {
        return new SchemaInfo.Table(name, SchemaInfo.Kind.TABLE, List.of(columns).stream()
                .map(c -> new SchemaInfo.Column(c.split(":")[0], c.split(":")[1], true)).toList());
    }
}
