-- A disabled user's Apps stop serving: gateways take an App as active only while its owner is
-- (SnapshotReader), so disabling or enabling a user is a change to each App the user owns. V3's
-- function already logs a user's Apps (for their email); renamed for what it does, it serves both
-- triggers (a trigger holds its function, not the name).
alter function log_owner_email_change() rename to log_owned_apps_change;

create trigger users_active_config_change after update of is_active on users
    for each row when (old.is_active is distinct from new.is_active) execute function log_owned_apps_change();
