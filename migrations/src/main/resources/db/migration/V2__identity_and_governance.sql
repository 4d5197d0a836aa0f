-- Identity (users, groups), governed resources (LLMs, datasources, tools) with their catalogues,
-- the access chain User -> Group -> Catalogue -> resource, and what each App bundles.

create table users (
    id             bigserial   primary key,
    email          text        not null check (char_length(email) between 3 and 320 and email ~ '^[^@\s]+@[^@\s]+$'),
    name           text        not null default '' check (char_length(name) <= 200),
    is_admin       boolean     not null default false,
    -- the one user the bootstrap admin key (STUDIO_ADMIN_KEY / generated) authenticates as
    is_bootstrap   boolean     not null default false,
    -- sha256 hex of the user's API key, shown once at creation; null for the bootstrap user,
    -- whose keys live in admin_keys
    api_key_hash   text        null unique check (api_key_hash ~ '^[0-9a-f]{64}$'),
    api_key_prefix text        not null default '' check (char_length(api_key_prefix) <= 16),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    check (not is_bootstrap or is_admin)
);

create unique index users_email_key on users (lower(email));
create unique index users_single_bootstrap on users (is_bootstrap) where is_bootstrap;

insert into users (email, name, is_admin, is_bootstrap) values ('admin@localhost', 'Bootstrap admin', true, true);

create table groups (
    id          bigserial   primary key,
    name        text        not null check (char_length(btrim(name)) between 1 and 200),
    description text        not null default '' check (char_length(description) <= 4000),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create unique index groups_name_key on groups (lower(name));

create table group_members (
    group_id bigint not null references groups (id) on delete cascade,
    user_id  bigint not null references users (id) on delete cascade,
    primary key (group_id, user_id)
);

create index group_members_user_idx on group_members (user_id);

-- The three built-in resource kinds share one shape; LLMs also name their vendor.
create table llms (
    id            bigserial   primary key,
    name          text        not null check (char_length(btrim(name)) between 1 and 200),
    description   text        not null default '' check (char_length(description) <= 4000),
    vendor        text        not null default '' check (char_length(vendor) <= 200),
    privacy_score integer     not null check (privacy_score between 0 and 100),
    is_active     boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table datasources (
    id            bigserial   primary key,
    name          text        not null check (char_length(btrim(name)) between 1 and 200),
    description   text        not null default '' check (char_length(description) <= 4000),
    privacy_score integer     not null check (privacy_score between 0 and 100),
    is_active     boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table tools (
    id            bigserial   primary key,
    name          text        not null check (char_length(btrim(name)) between 1 and 200),
    description   text        not null default '' check (char_length(description) <= 4000),
    privacy_score integer     not null check (privacy_score between 0 and 100),
    is_active     boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

-- Catalogues group resources of one kind; groups are granted catalogues. Removing a resource
-- from a catalogue (or deleting the catalogue) only narrows future selections.
create table llm_catalogues (
    id          bigserial   primary key,
    name        text        not null check (char_length(btrim(name)) between 1 and 200),
    description text        not null default '' check (char_length(description) <= 4000),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create table llm_catalogue_items (
    catalogue_id bigint not null references llm_catalogues (id) on delete cascade,
    resource_id  bigint not null references llms (id) on delete cascade,
    primary key (catalogue_id, resource_id)
);
create table group_llm_catalogues (
    group_id     bigint not null references groups (id) on delete cascade,
    catalogue_id bigint not null references llm_catalogues (id) on delete cascade,
    primary key (group_id, catalogue_id)
);

create table datasource_catalogues (
    id          bigserial   primary key,
    name        text        not null check (char_length(btrim(name)) between 1 and 200),
    description text        not null default '' check (char_length(description) <= 4000),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create table datasource_catalogue_items (
    catalogue_id bigint not null references datasource_catalogues (id) on delete cascade,
    resource_id  bigint not null references datasources (id) on delete cascade,
    primary key (catalogue_id, resource_id)
);
create table group_datasource_catalogues (
    group_id     bigint not null references groups (id) on delete cascade,
    catalogue_id bigint not null references datasource_catalogues (id) on delete cascade,
    primary key (group_id, catalogue_id)
);

create table tool_catalogues (
    id          bigserial   primary key,
    name        text        not null check (char_length(btrim(name)) between 1 and 200),
    description text        not null default '' check (char_length(description) <= 4000),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create table tool_catalogue_items (
    catalogue_id bigint not null references tool_catalogues (id) on delete cascade,
    resource_id  bigint not null references tools (id) on delete cascade,
    primary key (catalogue_id, resource_id)
);
create table group_tool_catalogues (
    group_id     bigint not null references groups (id) on delete cascade,
    catalogue_id bigint not null references tool_catalogues (id) on delete cascade,
    primary key (group_id, catalogue_id)
);

-- An App's owner. Null for Apps created before users existed, or by an admin for an address that
-- is no user: those are managed by admins only. A user who owns Apps cannot be deleted.
alter table apps add column owner_id bigint null references users (id) on delete restrict;
create index apps_owner_idx on apps (owner_id);

-- What an App bundles. A resource in use by an App cannot be deleted (the privacy rule was
-- checked against it), so these restrict.
create table app_llms (
    app_id      bigint not null references apps (id) on delete cascade,
    resource_id bigint not null references llms (id) on delete restrict,
    primary key (app_id, resource_id)
);
create table app_datasources (
    app_id      bigint not null references apps (id) on delete cascade,
    resource_id bigint not null references datasources (id) on delete restrict,
    primary key (app_id, resource_id)
);
create table app_tools (
    app_id      bigint not null references apps (id) on delete cascade,
    resource_id bigint not null references tools (id) on delete restrict,
    primary key (app_id, resource_id)
);

-- Seed 003: plugin resource instances are granted to groups directly (no catalogues). The
-- instances themselves live in Resource Provider plugins; only their ids are stored here.
create table group_plugin_resources (
    group_id           bigint not null references groups (id) on delete cascade,
    plugin_id          bigint not null references plugins (id) on delete cascade,
    resource_type_slug text   not null check (resource_type_slug ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    instance_ids       jsonb  not null default '[]' check (jsonb_typeof(instance_ids) = 'array'),
    primary key (group_id, plugin_id, resource_type_slug)
);
