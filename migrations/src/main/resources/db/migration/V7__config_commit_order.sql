-- Config versions in commit order (config sync at scale).
--
-- V3's ids are taken when a row is written, and transactions commit in their own order: a reader
-- seeing id 12 cannot tell whether id 11 is still to commit. So each transaction that wrote change
-- rows takes, as it commits, the next config version, recorded in config_commits against its
-- txid: a deferred trigger bumps config_version's single row, whose lock it holds until the commit
-- is done. The next committer waits for that lock, so versions go to transactions one after
-- another in commit order, and once a version is visible every lower one is too.
-- config_version.version read in a snapshot is then exactly "everything up to here, nothing
-- after": the watermark from which deltas are read (the changes of the transactions with a
-- version above V) with no race against late commits.
--
-- The cost: transactions that change served configuration commit one at a time (for the
-- duration of their commit only; their statements run side by side as before). Other writes are
-- not affected.
--
-- The commit also NOTIFYs channel aigw_config_changes with the new version, so every control
-- plane on this database (LISTENing) reads the change at once and pushes it to its edges.

create table config_commits (
    txid         bigint      primary key,
    version      bigint      not null,
    committed_at timestamptz not null default now()
);

create index config_commits_version_idx on config_commits (version);

-- Pruning deletes what is older than a day; without this it would read the whole log to find it.
create index config_changes_changed_at_idx on config_changes (changed_at);

-- Deltas can be read from a version only while the log still holds every change after it.
alter table config_version add column pruned_through bigint not null default 0;

-- Rows from before this migration were published by whole snapshots under versions up to the
-- current one; an edge holding an older version may have missed changes already pruned, so it is
-- sent a whole snapshot.
insert into config_commits (txid, version)
    select distinct txid, (select version from config_version) from config_changes;
update config_version set pruned_through = version;

create function stamp_config_commit() returns trigger language plpgsql as $$
declare
    v bigint;
begin
    if exists (select 1 from config_commits where txid = txid_current()) then
        return null; -- an earlier row of this transaction took its version
    end if;
    update config_version set version = version + 1 returning version into v;
    insert into config_commits (txid, version) values (txid_current(), v);
    perform pg_notify('aigw_config_changes', v::text);
    return null;
end
$$;

-- Deferred: runs at commit, after every statement of the transaction, once per change row (the
-- first takes the version; the others find it by primary key).
create constraint trigger config_changes_commit after insert on config_changes
    deferrable initially deferred
    for each row execute function stamp_config_commit();
