package io.aigw.studio.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseUrlTest {

    @Test
    void postgresSchemeWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://studio:s3cr%40t@db.internal:6543/aigw?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/aigw?sslmode=require", url.jdbcUrl());
        assertEquals("studio", url.user());
        assertEquals("s3cr@t", url.password());
    }

    @Test
    void postgresqlSchemeWithoutPortOrPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://studio@localhost/aigw");
        assertEquals("jdbc:postgresql://localhost/aigw", url.jdbcUrl());
        assertEquals("studio", url.user());
        assertNull(url.password());
    }

    @Test
    void jdbcUrlPassesThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/aigw?user=a&password=b");
        assertEquals("jdbc:postgresql://localhost:5432/aigw?user=a&password=b", url.jdbcUrl());
        assertNull(url.user());
    }

    @Test
    void descriptionsNeverShowThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:topsecret@h:1/d?password=topsecret");
        assertEquals("h:1/d", url.describe());
        assertFalse(url.toString().contains("topsecret"));
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingTheUrl() {
        var e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u:pw123@h/d"));
        assertFalse(e.getMessage().contains("pw123"));
        var bad = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://u:pw123@/d"));
        assertFalse(bad.getMessage().contains("pw123"));
    }
}
