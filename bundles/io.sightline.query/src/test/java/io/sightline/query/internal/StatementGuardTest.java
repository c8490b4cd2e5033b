package io.sightline.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sightline.api.query.QueryException;

class StatementGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1", "  select * from t;  ", "WITH x AS (SELECT 1) SELECT * FROM x",
            "SELECT 'delete from t' AS text", "SELECT \"update\" FROM t", "-- drop table t\nSELECT 1",
            "SELECT 1 /* insert */", "VALUES (1)", "EXPLAIN SELECT 1", "SHOW TABLES", "select t.update_count from t",
            "SELECT $$ DROP $$", "SELECT 1;;", "SELECT 1; -- done"})
    void queriesPass(String sql) {
        String statement = StatementGuard.check(sql, true);
        assertTrue(!statement.endsWith(";") && statement.equals(statement.strip()), statement);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM t", "update t set a = 1", "INSERT INTO t VALUES (1)", "drop table t",
            "SELECT * INTO new_table FROM t", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
            "SELECT * FROM t FOR UPDATE", "CALL proc()", "TRUNCATE t", "COPY t TO '/tmp/x'",
            "SELECT * FROM t INTO OUTFILE '/tmp/x'", "GRANT ALL ON t TO x", "SET ROLE admin"})
    void writesAreRefusedWhenReadOnlyEnforced(String sql) {
        QueryException e = assertThrows(QueryException.class, () -> StatementGuard.check(sql, true));
        assertEquals(QueryException.Reason.NOT_A_QUERY, e.reason());
        assertTrue(e.getMessage().contains("read-only enforced"), e.getMessage());
        assertEquals("sql", e.field());
    }

    @Test
    void anUnknownFirstWordIsNamed() {
        QueryException e = assertThrows(QueryException.class, () -> StatementGuard.check("SELEC 1", true));
        assertTrue(e.getMessage().contains("starts with 'SELEC' (line 1, column 1)"), e.getMessage());
    }

    @Test
    void theRefusalPointsAtTheWord() {
        QueryException e = assertThrows(QueryException.class,
                () -> StatementGuard.check("WITH d AS (\n  DELETE FROM t RETURNING *)\nSELECT * FROM d", true));
        assertTrue(e.getMessage().contains("'DELETE' (line 2, column 3)"), e.getMessage());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void writesPassWhenNotEnforced() {
        assertEquals("DELETE FROM t", StatementGuard.check("DELETE FROM t;", false));
    }

    @Test
    void oneStatementAtATime() {
        QueryException e = assertThrows(QueryException.class, () -> StatementGuard.check("SELECT 1; SELECT 2", false));
        assertEquals(QueryException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("one statement at a time"), e.getMessage());
        assertEquals("SELECT ';' FROM t", StatementGuard.check("SELECT ';' FROM t", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", "-- only a comment", "/* x */ ;"})
    void nothingToRun(String sql) {
        QueryException e = assertThrows(QueryException.class, () -> StatementGuard.check(sql, false));
        assertTrue(e.getMessage().contains("no SQL statement"), e.getMessage());
    }
}
