/**
 * The control plane's PostgreSQL and how code reaches it.
 *
 * <h2>The pattern every repository follows</h2>
 * <ul>
 *   <li><b>{@link io.aigw.studio.db.Database} owns the connection.</b> It holds the pool, the
 *   embedded server and Flyway, and is the only place a JDBI {@link org.jdbi.v3.core.Handle} is
 *   opened: {@code db.transaction(h -> ...)} for anything that writes (committed if the lambda
 *   returns, rolled back if it throws), {@code db.read(h -> ...)} for reads. Services decide the
 *   transaction; repositories never open, commit or keep a handle.</li>
 *   <li><b>One repository per table family, in its feature's package</b> ({@code apps/},
 *   {@code groups/}, ...), with methods taking the handle first: {@code find(h, id)},
 *   {@code list(h)}, {@code insert(h, ...)}. SQL is written out in the repository, with named
 *   parameters ({@code where id = :id}, {@code .bind("id", id)}); JSON columns are bound as text
 *   and cast ({@code :metadata::jsonb}) and read as text ({@code metadata::text as metadata}).</li>
 *   <li><b>Rows map to the feature's records by column name</b>, in one {@code RowMapper} constant
 *   per record next to the SQL ({@code rs.getString("name")}, never {@code rs.getString(2)}), with
 *   {@link io.aigw.studio.db.Columns} for nullable and timestamp columns. No reflection: a record
 *   component renamed or added fails to compile rather than mapping null.</li>
 *   <li><b>Identifiers come from code, values from binds.</b> Where one repository serves several
 *   tables (the three resource kinds), the table name is a JDBI define ({@code from <table>},
 *   {@code .define("table", kind.table())}) filled from code constants, never from a request.</li>
 *   <li><b>Links load per list, not per row.</b> A row's many-to-many links (an App's LLMs, a
 *   group's members) are read for all rows of a result in one query
 *   ({@link io.aigw.studio.db.LinkTable#of(org.jdbi.v3.core.Handle, java.util.Collection)},
 *   {@code where owner = any (:owners)}); a single {@code find} goes through the same path with a
 *   list of one. Join tables are written with {@link io.aigw.studio.db.LinkTable#replace}.</li>
 *   <li><b>Constraint failures are answers.</b> A unique index or foreign key refusing a write
 *   surfaces as {@link io.aigw.studio.db.DatabaseException}; services turn
 *   {@code isDuplicate()} / {@code isInUse()} into 409s and let the rest be 500s.</li>
 * </ul>
 *
 * <h2>Publishing follows the data</h2>
 * Every table a gateway's config snapshot reads has a trigger writing
 * {@link io.aigw.studio.db.ChangeLog config_changes} rows in the changing transaction (migration
 * V3). At commit the transaction takes the next config version, in commit order, and NOTIFYs
 * every control plane on the database (V7). {@code Database.transaction} asks, just before
 * committing, whether the transaction wrote any rows; if so the control plane publishes after the
 * commit, before the call returns: the delta since the version it published, read from the log.
 * Other control planes publish it on the notification ({@link io.aigw.studio.db.ChangeNotifications}).
 * A new table a gateway serves therefore needs only its trigger (and its read in
 * {@code SnapshotReader}); no handler calls the publisher.
 *
 * <h2>Why JDBI</h2>
 * JDBI 3 core is a thin layer over JDBC (one small dependency): named parameters, row mappers,
 * batches and array binding, with the SQL still written by hand and the connection and
 * transaction still ours. An ORM would hide the SQL the snapshot and the triggers depend on; plain
 * JDBC is what this replaced (positional indexes, hand-closed statements).
 */
package io.aigw.studio.db;
