package io.aigw.studio.db;

import java.sql.SQLException;

/** An unexpected database failure; callers answer 500 and the log keeps the cause. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, SQLException cause) {
        super(message, cause);
    }

    public SQLException sqlCause() {
        return (SQLException) getCause();
    }
}
