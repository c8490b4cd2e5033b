package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.SchemaInfo.Column;
import io.sightline.api.driver.SchemaInfo.Kind;
import io.sightline.api.driver.SchemaInfo.Table;

/** DS-5: schemas, tables, views and columns, through a catalog query's rows or JDBC metadata. */
class SchemaReaderTest {

    @Test
    void theCollectorSortsSchemasAndTablesAndKeepsColumnOrder() {
        SchemaCollector collector = new SchemaCollector();
        collector.schema("zeta");
        collector.table("sales", "orders", Kind.TABLE);
        collector.column("sales", "orders", new Column("id", "int4", false));
        collector.column("sales", "orders", new Column("amount", "numeric(10,2)", true));
        collector.table("sales", "big_orders", Kind.VIEW);
        collector.table("sales", "orders", Kind.VIEW);
        collector.schema("sales");
        collector.column("sales", "missing", new Column("x", "int", true));
        collector.column("nope", "orders", new Column("x", "int", true));
        collector.column(null, null, new Column("x", "int", true));

        assertEquals(List.of(
                new SchemaInfo("sales", List.of(new Table("big_orders", Kind.VIEW, List.of()),
                        new Table("orders", Kind.TABLE, List.of(new Column("id", "int4", false),
                                new Column("amount", "numeric(10,2)", true))))),
                new SchemaInfo("zeta", List.of())), collector.build());
        assertTrue(collector.hasSchema("zeta"));
        assertFalse(collector.hasSchema("nope"));
        assertFalse(collector.hasSchema(null));
    }

    @Test
    void columnsWithPositionsAreOrderedByThem() {
        SchemaCollector collector = new SchemaCollector();
        collector.table("s", "t", Kind.TABLE);
        collector.column("s", "t", 2, new Column("b", "int", true));
        collector.column("s", "t", 1, new Column("a", "int", true));
        collector.column("s", "t", new Column("c", "int", true));
        assertEquals(List.of("a", "b", "c"),
                collector.build().get(0).tables().get(0).columns().stream().map(Column::name).toList());
    }

    @Test
    void readsJdbcMetadataWithoutSystemSchemas() throws Exception {
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:mem:schema-reader", new Properties());
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA SALES");
            st.execute("CREATE SCHEMA EMPTY");
            st.execute("CREATE TABLE SALES.ORDERS (ID INT NOT NULL PRIMARY KEY, CUSTOMER VARCHAR(40), "
                    + "AMOUNT DECIMAL(10,2), NOTE CLOB)");
            st.execute("CREATE VIEW SALES.BIG_ORDERS AS SELECT ID, AMOUNT FROM SALES.ORDERS WHERE AMOUNT > 5");
            st.execute("CREATE TABLE PUBLIC.\"odd\"\"name\" (X INT)");

            List<SchemaInfo> schemas = SchemaReader.read(c, "INFORMATION_SCHEMA"::equals,
                    Map.of("BASE TABLE", Kind.TABLE, "VIEW", Kind.VIEW));
            assertEquals(List.of("EMPTY", "PUBLIC", "SALES"), schemas.stream().map(SchemaInfo::name).toList());
            assertEquals(List.of(), schemas.get(0).tables());
            assertEquals(List.of(new Table("odd\"name", Kind.TABLE, List.of(new Column("X", "INTEGER", true)))),
                    schemas.get(1).tables());
            SchemaInfo sales = schemas.get(2);
            assertEquals(List.of("BIG_ORDERS", "ORDERS"), sales.tables().stream().map(Table::name).toList());
            assertEquals(Kind.VIEW, sales.tables().get(0).kind());
            assertEquals(List.of(new Column("ID", "INTEGER", false), new Column("CUSTOMER", "CHARACTER VARYING(40)", true),
                    new Column("AMOUNT", "DECIMAL(10,2)", true), new Column("NOTE", "CHARACTER LARGE OBJECT", true)),
                    sales.tables().get(1).columns());

            // only the table types asked for
            List<SchemaInfo> tablesOnly = SchemaReader.read(c, s -> !s.equals("SALES"), Map.of("BASE TABLE", Kind.TABLE));
            assertEquals(List.of(new SchemaInfo("SALES", List.of(new Table("ORDERS", Kind.TABLE,
                    sales.tables().get(1).columns())))), tablesOnly);
        }
    }

    @Test
    void typeNamesCarryLengthAndPrecisionWhereTheyMatter() {
        assertEquals("VARCHAR(40)", SchemaReader.typeName("VARCHAR", Types.VARCHAR, 40, 0));
        assertEquals("CHAR(2)", SchemaReader.typeName("CHAR", Types.CHAR, 2, 0));
        assertEquals("DECIMAL(10,2)", SchemaReader.typeName("DECIMAL", Types.DECIMAL, 10, 2));
        assertEquals("INTEGER", SchemaReader.typeName("INTEGER", Types.INTEGER, 32, 0));
        assertEquals("VARCHAR(10) FOR BIT DATA", SchemaReader.typeName("VARCHAR(10) FOR BIT DATA", Types.VARBINARY, 10, 0));
        assertEquals("VARCHAR", SchemaReader.typeName("VARCHAR", Types.VARCHAR, 0, 0));
        assertEquals(null, SchemaReader.typeName(null, Types.VARCHAR, 1, 0));
    }

    @Test
    void aCollectorResultIsImmutable() {
        SchemaCollector collector = new SchemaCollector();
        collector.table("s", "t", Kind.TABLE);
        List<SchemaInfo> built = collector.build();
        assertThrows(UnsupportedOperationException.class, () -> built.get(0).tables().clear());
    }
}
