-- Plugin storage (seed 003): a durable key-value store per plugin, offered to plugins by the host
-- (PluginContext.store(); over the host-services channel for external plugins). A plugin's keys go
-- with its registration.

create table plugin_store (
    plugin_id  bigint      not null references plugins (id) on delete cascade,
    -- "C": listing and prefix ranges follow the bytes of the UTF-8 key, whatever the database's
    -- locale, and a prefix search (key like 'p%') can use the primary key's index
    key        text        collate "C" not null check (octet_length(key) between 1 and 256),
    value      bytea       not null check (octet_length(value) <= 1048576),
    updated_at timestamptz not null default now(),
    primary key (plugin_id, key)
);

-- What each plugin holds, kept with every write in the same transaction, so a quota check costs
-- one row instead of a scan. Its row is also the lock that orders one plugin's writes.
create table plugin_store_usage (
    plugin_id   bigint primary key references plugins (id) on delete cascade,
    key_count   bigint not null default 0 check (key_count >= 0),
    -- keys plus values, in bytes
    total_bytes bigint not null default 0 check (total_bytes >= 0)
);
