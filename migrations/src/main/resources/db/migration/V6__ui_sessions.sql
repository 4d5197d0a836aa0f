-- Browser sessions of the web UI (issue 13) and users that can be disabled.

-- A disabled user can neither use their API key nor keep a UI session; the bootstrap admin stays
-- enabled (it is how an operator gets back in).
alter table users add column is_active boolean not null default true;
alter table users add constraint users_bootstrap_active check (not is_bootstrap or is_active);

-- One row per signed-in browser. The cookie carries a random 256-bit token; only its SHA-256 is
-- kept. key_hash is the hash of the API key the user signed in with: when that key is no longer
-- the user's (or, for the bootstrap admin, no longer an admin key) the session no longer counts.
create table ui_sessions (
    token_hash   text        primary key check (token_hash ~ '^[0-9a-f]{64}$'),
    user_id      bigint      not null references users (id) on delete cascade,
    key_hash     text        not null check (key_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz not null default now(),
    -- idle expiry counts from here; refreshed at most once a minute
    last_seen_at timestamptz not null default now(),
    -- absolute expiry, whatever the activity
    expires_at   timestamptz not null
);

create index ui_sessions_user_idx on ui_sessions (user_id);
create index ui_sessions_expires_idx on ui_sessions (expires_at);
