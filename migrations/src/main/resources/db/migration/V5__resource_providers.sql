-- Seed 003: Resource Provider plugins. Types are registered from the plugin's manifest and from
-- GetResourceTypeRegistrations(); instances belong to the plugin (plugin-assigned string ids), the
-- control plane stores only links (group grants, App links) and, for snapshots, a copy of each linked
-- instance's details.

-- No foreign key to plugins: a type outlives its plugin's row (deleting or deactivating a plugin
-- deactivates its types), so App links and submissions that name it survive. Plugin ids come from
-- a sequence and are never reused, so a stale plugin_id never points at another plugin.
create table plugin_resource_types (
    id                   bigserial   primary key,
    plugin_id            bigint      not null,
    slug                 text        not null check (slug ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name                 text        not null check (char_length(btrim(name)) between 1 and 200),
    description          text        not null default '' check (char_length(description) <= 4000),
    icon                 text        not null default '' check (char_length(icon) <= 500),
    has_privacy_score    boolean     not null default false,
    supports_submissions boolean     not null default false,
    -- {"tag": "...", "entry_point": "..."}; null: the UI renders a standard multi-select
    form_component       jsonb       null check (form_component is null or jsonb_typeof(form_component) = 'object'),
    -- 'manifest' or 'runtime' (GetResourceTypeRegistrations); the manifest wins for a slug in both
    source               text        not null check (source in ('manifest', 'runtime')),
    is_active            boolean     not null default true,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (plugin_id, slug)
);

-- What each App bundles of plugin resources, one row per instance, with the copy of the instance's
-- details the snapshot carries to gateways (building a snapshot never waits on a plugin). The copy
-- is written when the App is saved and refreshed when the plugin (re)starts serving.
create table app_plugin_resources (
    app_id             bigint      not null references apps (id) on delete cascade,
    plugin_id          bigint      not null,
    resource_type_slug text        not null check (resource_type_slug ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    instance_id        text        not null check (char_length(instance_id) between 1 and 256),
    -- order of the App's selection, so the list reads back as it was sent
    position           integer     not null,
    name               text        not null default '',
    description        text        not null default '',
    privacy_score      integer     not null default 0 check (privacy_score between 0 and 100),
    -- the plugin's opaque JSON exactly as it returned it (checked to be JSON); null: none
    metadata           text        null check (metadata is null or char_length(metadata) <= 65536),
    is_active          boolean     not null default true,
    -- when this copy was last written (App save, or a refresh that found the details changed)
    refreshed_at       timestamptz not null default now(),
    primary key (app_id, plugin_id, resource_type_slug, instance_id)
);

create index app_plugin_resources_type_idx on app_plugin_resources (plugin_id, resource_type_slug);

-- The snapshot reads these rows (V3's rule: a table a gateway serves has a change-log trigger): a
-- change of an App's plugin resources, or of a linked instance's copy, is an update of that App.
create trigger app_plugin_resources_config_change after insert or update or delete on app_plugin_resources
    for each row execute function log_config_link_change('app', 'apps', 'app_id');

-- Community submissions of new plugin resource instances, decided once by an admin.
create table submissions (
    id                      bigserial   primary key,
    submitter_id            bigint      null references users (id) on delete set null,
    resource_type           text        not null check (resource_type in ('plugin')),
    plugin_resource_type_id bigint      not null references plugin_resource_types (id),
    resource_payload        jsonb       not null,
    suggested_privacy_score integer     null check (suggested_privacy_score between 0 and 100),
    notes                   text        not null default '' check (char_length(notes) <= 4000),
    status                  text        not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    approved_privacy_score  integer     null check (approved_privacy_score between 0 and 100),
    created_instance_id     text        null,
    rejection_reason        text        null check (char_length(rejection_reason) <= 4000),
    decided_by              bigint      null references users (id) on delete set null,
    decided_at              timestamptz null,
    created_at              timestamptz not null default now(),
    check ((status = 'pending') = (decided_at is null))
);

create index submissions_status_idx on submissions (status, created_at);
create index submissions_submitter_idx on submissions (submitter_id);
