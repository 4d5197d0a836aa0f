package io.aigw.studio.db;

import org.jdbi.v3.core.JdbiException;

import java.sql.SQLException;

/**
 * An unexpected database failure, or a constraint refusing a change; callers turn the ones they
 * expect (duplicates, rows still in use) into 4xx answers, the rest are 500s and the log keeps the
 * cause.
 */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    static DatabaseException of(JdbiException e) {
        SQLException sql = sqlCauseOf(e);
        return new DatabaseException("database error: " + (sql != null ? sql.getMessage() : e.getMessage()), e);
    }

    /** The driver's exception behind this failure, or null when there was none (e.g. a mapping error). */
    public SQLException sqlCause() {
        return sqlCauseOf(getCause());
    }

    /** The SQLSTATE of {@link #sqlCause()}, or null. */
    public String sqlState() {
        SQLException sql = sqlCause();
        return sql == null ? null : sql.getSQLState();
    }

    /** True when a unique index refused a duplicate. */
    public boolean isDuplicate() {
        return "23505".equals(sqlState());
    }

    /** True when a foreign key refused the change because the row is still in use. */
    public boolean isInUse() {
        // 23001: an "on delete restrict" key; 23503: any other foreign key violation
        return "23001".equals(sqlState()) || "23503".equals(sqlState());
    }

    private static SQLException sqlCauseOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
