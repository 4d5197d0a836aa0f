-- The config change log: one row for each change to what a gateway serves, written by triggers in
-- the transaction that makes the change. No code path can change served data without leaving a
-- row, so the control plane publishes after every such commit without each API handler having to
-- remember it, and (later) gateways can be sent deltas built from these rows.
--
-- Rows name the snapshot's entities, not tables: a change to an App's resource links is an
-- 'update' of that App; a new email of a user who owns Apps is an 'update' of each of those Apps
-- (their owner_email follows the user). To apply a row, read the entity again: gone means removed.
--
-- Ids grow with each row written, but transactions commit in their own order: a reader must not
-- take "no id above N" to mean "nothing below N is still to commit". txid groups the rows of one
-- transaction (one atomic change).
create table config_changes (
    id         bigserial   primary key,
    txid       bigint      not null default txid_current(),
    entity     text        not null check (entity in ('plugin', 'app', 'credential')),
    entity_id  bigint      not null,
    op         text        not null check (op in ('insert', 'update', 'delete')),
    changed_at timestamptz not null default now()
);

-- The control plane asks, just before each commit, whether the transaction wrote any rows here.
create index config_changes_txid_idx on config_changes (txid);

-- A row of a served table (arguments: the entity, then the columns no gateway sees). An update
-- that changes only unseen columns is not a change; a column added later is seen until it is
-- named here, so forgetting to list one costs a needless publish, never a missed one.
create function log_config_change() returns trigger language plpgsql as $$
declare
    unseen text[] := tg_argv[1:tg_nargs - 1];
    row_id bigint;
begin
    if tg_op = 'UPDATE' and (to_jsonb(old) - unseen) = (to_jsonb(new) - unseen) then
        return null;
    end if;
    row_id := case when tg_op = 'DELETE' then old.id else new.id end;
    insert into config_changes (entity, entity_id, op) values (tg_argv[0], row_id, lower(tg_op));
    return null;
end
$$;

-- A link row of a served entity (arguments: the entity, its table, and the link's column holding
-- its id): the entity changed. Links removed by the entity's own delete add nothing to its
-- 'delete' row.
create function log_config_link_change() returns trigger language plpgsql as $$
declare
    owner_ids bigint[];
    owner_id  bigint;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        owner_ids := owner_ids || (to_jsonb(old) ->> tg_argv[2])::bigint;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        owner_ids := owner_ids || (to_jsonb(new) ->> tg_argv[2])::bigint;
    end if;
    foreach owner_id in array (select array_agg(distinct o) from unnest(owner_ids) o) loop
        execute format('insert into config_changes (entity, entity_id, op) select $1, $2, ''update'' '
                       'where exists (select 1 from %I where id = $2)', tg_argv[1])
            using tg_argv[0], owner_id;
    end loop;
    return null;
end
$$;

-- An App's owner_email is its owner's current email.
create function log_owner_email_change() returns trigger language plpgsql as $$
begin
    insert into config_changes (entity, entity_id, op)
        select 'app', a.id, 'update' from apps a where a.owner_id = new.id order by a.id;
    return null;
end
$$;

-- Every table the config snapshot reads. A table added to the snapshot gets a trigger here too.
create trigger plugins_config_change after insert or update or delete on plugins
    for each row execute function log_config_change('plugin', 'description', 'manifest', 'source',
                                                    'created_at', 'updated_at');
create trigger apps_config_change after insert or update or delete on apps
    for each row execute function log_config_change('app', 'created_at', 'updated_at');
create trigger credentials_config_change after insert or update or delete on credentials
    for each row execute function log_config_change('credential', 'token_prefix', 'created_at');
create trigger app_llms_config_change after insert or update or delete on app_llms
    for each row execute function log_config_link_change('app', 'apps', 'app_id');
create trigger app_datasources_config_change after insert or update or delete on app_datasources
    for each row execute function log_config_link_change('app', 'apps', 'app_id');
create trigger app_tools_config_change after insert or update or delete on app_tools
    for each row execute function log_config_link_change('app', 'apps', 'app_id');
create trigger users_config_change after update of email on users
    for each row when (old.email is distinct from new.email) execute function log_owner_email_change();
