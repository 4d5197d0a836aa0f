-- A disabled user's Apps stop serving: gateways take an App as active only while its owner is
-- (SnapshotReader), so disabling or enabling a user is a change to each App the user owns.
create function log_owned_apps_change() returns trigger language plpgsql as $$
begin
    insert into config_changes (entity, entity_id, op)
        select 'app', a.id, 'update' from apps a where a.owner_id = new.id order by a.id;
    return null;
end
$$;

create trigger users_active_config_change after update of is_active on users
    for each row when (old.is_active is distinct from new.is_active) execute function log_owned_apps_change();
