package io.aigw.studio.db;

import org.jdbi.v3.core.Handle;

/** A unit of SQL work on a borrowed handle; {@link Database} owns the connection and the transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Handle h);
}
