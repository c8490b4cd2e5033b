package io.sightline.driver.mariadb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** DS-6: reading SHOW GRANTS lines as MariaDB and MySQL print them. */
class MariadbGrantsTest {
    private final Map<String, Set<String>> writable = new LinkedHashMap<>();
    private final Deque<String> roles = new ArrayDeque<>();

    private void parse(String... lines) {
        for (String line : lines) {
            MariadbMetadata.parseGrant(line, writable, roles);
        }
    }

    @Test
    void allPrivilegesAndPlainPrivileges() {
        parse("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` IDENTIFIED VIA mysql_native_password USING 'x' "
                + "WITH GRANT OPTION",
                "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.* TO `app`@`%`",
                "GRANT SELECT, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE ON `report`.* TO `app`@`%`",
                "GRANT ALL ON `odd``db`.`t 1` TO `app`@`%`");
        assertEquals(Map.of("*.*", Set.of("ALL PRIVILEGES"), "shop.*", Set.of("INSERT", "UPDATE", "DELETE"),
                "odd`db.t 1", Set.of("ALL PRIVILEGES")), writable);
        assertEquals(List.of("INSERT", "UPDATE", "DELETE"), List.copyOf(writable.get("shop.*")));
    }

    @Test
    void readOnlyGrantsGiveNothing() {
        parse("GRANT USAGE ON *.* TO `reader`@`%` IDENTIFIED BY PASSWORD '*ABC'",
                "GRANT SELECT, SHOW VIEW ON `shop`.* TO `reader`@`%`",
                "GRANT SELECT (`id`, `name`) ON `shop`.`customers` TO `reader`@`%`",
                "GRANT EXECUTE ON PROCEDURE `shop`.`report` TO `reader`@`%`");
        assertTrue(writable.isEmpty(), writable.toString());
        assertTrue(roles.isEmpty());
    }

    @Test
    void columnPrivilegesAndRoutinesAndMySqlSpellings() {
        parse("GRANT SELECT (`id`), INSERT (`note`, `a,b`), UPDATE (`note`) ON `shop`.`orders` TO 'app'@'%'",
                "GRANT ALTER ROUTINE ON PROCEDURE `shop`.`p` TO `app`@`%`",
                "GRANT CREATE VIEW, DELETE HISTORY ON shop.* TO app@localhost",
                "GRANT FILE ON *.* TO `app`@`%`");
        assertEquals(Set.of("INSERT", "UPDATE"), writable.get("shop.orders"));
        assertEquals(Set.of("ALTER ROUTINE"), writable.get("shop.p"));
        assertEquals(Set.of("CREATE VIEW", "DELETE HISTORY"), writable.get("shop.*"));
        assertEquals(Set.of("FILE"), writable.get("*.*"));
    }

    @Test
    void roleGrantsAreFollowed() {
        parse("GRANT `writer`, `auditor` TO `app`@`%`", "GRANT `odd``role` TO `app`@`%`",
                "GRANT reporting TO 'app'@'%' WITH ADMIN OPTION",
                // MySQL 8 names roles with a host
                "GRANT `etl`@`%`,`bi`@`localhost` TO `app`@`%`");
        // kept as the server quoted them, for SET ROLE
        assertEquals(List.of("`writer`", "`auditor`", "`odd``role`", "reporting", "`etl`@`%`", "`bi`@`localhost`"),
                List.copyOf(roles));
        assertTrue(writable.isEmpty());
    }
}
