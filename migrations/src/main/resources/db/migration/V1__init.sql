-- Control-plane schema: plugin registry, apps and their credentials, admin keys, and the version
-- counter stamped on every config snapshot pushed to gateways.

create table plugins (
    id          bigserial   primary key,
    name        text        not null check (char_length(btrim(name)) between 1 and 200),
    description text        not null default '' check (char_length(description) <= 4000),
    -- pf4j:<plugin-id> (jar in the plugins dir), file:///abs/path (external binary),
    -- grpc://host:port (already-running external plugin)
    command     text        not null check (command ~ '^(pf4j:.+|file:///.+|grpc://.+)$'
                                            and char_length(command) <= 2048),
    hook_type   text        not null default 'custom_endpoint' check (hook_type ~ '^[a-z][a-z0-9_]{0,63}$'),
    hook_types  jsonb       not null default '[]' check (jsonb_typeof(hook_types) = 'array'),
    config      jsonb       not null default '{}' check (jsonb_typeof(config) = 'object'),
    is_active   boolean     not null default true,
    -- the manifest as read from the plugin (drop-in jars); null for plugins registered by API
    -- whose manifest the control plane has not seen
    manifest    jsonb       null check (manifest is null or jsonb_typeof(manifest) = 'object'),
    source      text        not null default 'api' check (source in ('api', 'plugins_dir')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- The slug is the plugin's URL namespace (/plugins/{slug}/...): two active plugins must never share
-- one. The API checks first to name the other plugin; this index is what makes it race-free.
create unique index plugins_active_slug_key on plugins ((config ->> 'slug'))
    where is_active and config ? 'slug';

-- Drop-in registration looks plugins up by command (pf4j:<manifest id>).
create index plugins_command_idx on plugins (command);

create table apps (
    id             bigserial        primary key,
    name           text             not null check (char_length(btrim(name)) between 1 and 200),
    description    text             not null default '' check (char_length(description) <= 4000),
    owner_email    text             not null default '' check (char_length(owner_email) <= 320),
    is_active      boolean          not null default true,
    monthly_budget double precision not null default 0 check (monthly_budget >= 0 and monthly_budget <> 'Infinity'::float8),
    -- requests per minute; 0 means no limit
    rate_limit     integer          not null default 0 check (rate_limit >= 0),
    -- string -> string (plugins read per-app settings such as ACLs from here)
    metadata       jsonb            not null default '{}' check (jsonb_typeof(metadata) = 'object'),
    created_at     timestamptz      not null default now(),
    updated_at     timestamptz      not null default now()
);

create table credentials (
    id           bigserial   primary key,
    app_id       bigint      not null references apps (id) on delete cascade,
    -- sha256 hex of the token; the token itself is shown once at creation and never stored
    token_hash   text        not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
    -- the first characters of the token, so an operator can tell credentials apart
    token_prefix text        not null check (char_length(token_prefix) <= 16),
    scopes       jsonb       not null default '[]' check (jsonb_typeof(scopes) = 'array'),
    is_active    boolean     not null default true,
    expires_at   timestamptz null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz null,
    -- revocation is final: a revoked credential is never active again
    check (revoked_at is null or not is_active)
);

create index credentials_app_id_idx on credentials (app_id);

create table admin_keys (
    id         bigserial   primary key,
    key_hash   text        not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz not null default now()
);

-- One row. Bumped in the transaction that reads a snapshot, so a higher version always carries
-- newer (or equal) state, and concurrent publishers are ordered by the row lock.
create table config_version (
    singleton boolean primary key default true check (singleton),
    version   bigint  not null check (version >= 0)
);

insert into config_version (singleton, version) values (true, 0);
