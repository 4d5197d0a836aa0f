import { useState } from 'preact/hooks';
import { del, get, patch, seg } from '../api.js';
import { navigate } from '../router.js';
import {
  ActiveBadge, Async, CheckList, ConfirmButton, ErrorMessage, Loading, Notice, PageHeader, StateBadge, TextField,
  formatTime, useAction, useLoad,
} from '../components/ui.jsx';
import { KeyValueEditor } from '../components/KeyValueEditor.jsx';
import { SchemaForm } from '../components/SchemaForm.jsx';
import { HOOKS, PluginActions, usePolling } from './Plugins.jsx';

/** The plugin's config schema, or null when it declares none (or cannot say: not serving). */
async function loadSchema(id) {
  try {
    const answer = await get(`/plugins/${id}/config-schema`);
    // problem: the plugin's schema is unusable, or it could not be asked (not serving)
    return { schema: answer?.schema || null, error: answer?.problem || null };
  } catch (e) {
    return { schema: null, error: e.status === 404 ? null : e.message };
  }
}

function Status({ plugin }) {
  const s = plugin.status;
  if (!s) {
    return <p class="muted">The gateway reports nothing for this plugin (not loaded).</p>;
  }
  return (
    <dl class="facts">
      <dt>State</dt>
      <dd>
        <StateBadge state={s.state} /> since {formatTime(s.since)}
      </dd>
      <dt>Version</dt>
      <dd>{s.version || '—'}</dd>
      <dt>Capabilities</dt>
      <dd>{plugin.capabilities?.length ? plugin.capabilities.join(', ') : 'none while not serving'}</dd>
      <dt>Restarts</dt>
      <dd>{s.restarts}</dd>
      <dt>Error</dt>
      <dd class={s.error ? 'error-text' : ''}>{s.error || 'none'}</dd>
      <dt>Slug</dt>
      <dd>{s.slug ? <code>/plugins/{s.slug}/</code> : '—'}</dd>
      <dt>Endpoints</dt>
      <dd>
        {s.endpoints?.length ? (
          <ul class="plain">
            {s.endpoints.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        ) : (
          'none'
        )}
      </dd>
      {s.pid && (
        <>
          <dt>Process</dt>
          <dd>
            pid {s.pid}, started {formatTime(s.process_started_at)}
          </dd>
        </>
      )}
    </dl>
  );
}

function ConfigEditor({ plugin, onSaved }) {
  const schema = useLoad(() => loadSchema(plugin.id), [plugin.id]);
  const [config, setConfig] = useState({ ...plugin.config });
  const [raw, setRaw] = useState(false);
  const action = useAction();
  if (schema.data === undefined) return <Loading what="Loading the config schema" />;
  const s = schema.data.schema;
  return (
    <form
      class="card form"
      aria-label="Plugin config"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          await patch(`/plugins/${plugin.id}`, { config });
          onSaved('Config saved; the plugin restarts with it.');
        });
      }}
    >
      <h2>Config</h2>
      {schema.data.error && <ErrorMessage title="Config schema unavailable" error={schema.data.error} />}
      {s && (
        <label class="small">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.currentTarget.checked)} /> Edit as keys and values
        </label>
      )}
      {s && !raw ? (
        <SchemaForm schema={s} value={config} onChange={setConfig} />
      ) : (
        <KeyValueEditor label="Keys and values" value={config} onChange={setConfig} />
      )}
      <ErrorMessage error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Save config'}
      </button>
    </form>
  );
}

function Registration({ plugin, onSaved }) {
  const [form, setForm] = useState({
    name: plugin.name,
    description: plugin.description,
    command: plugin.command,
    hooks: plugin.hook_types,
  });
  const set = (f) => (v) => setForm((s) => ({ ...s, [f]: v }));
  const action = useAction();
  return (
    <form
      class="card form"
      aria-label="Registration"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          await patch(`/plugins/${plugin.id}`, {
            name: form.name,
            description: form.description,
            command: form.command,
            hook_types: form.hooks,
            hook_type: form.hooks.includes(plugin.hook_type) ? plugin.hook_type : form.hooks[0],
          });
          onSaved('Registration saved.');
        });
      }}
    >
      <h2>Registration</h2>
      <TextField label="Name" value={form.name} onInput={set('name')} required />
      <TextField label="Description" value={form.description} onInput={set('description')} />
      <TextField label="Command" value={form.command} onInput={set('command')} required hint={`Source: ${plugin.source}`} />
      <CheckList label="Hooks" items={HOOKS.map((h) => ({ id: h, label: h }))} selected={form.hooks} onChange={set('hooks')} />
      <ErrorMessage error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>
        Save registration
      </button>
    </form>
  );
}

/** The plugin's UI manifest, or null when it has no UI (404). */
export async function loadUiManifest(pluginId) {
  try {
    return await get(`/plugins/${seg(pluginId)}/ui/manifest`);
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

/**
 * The admin pages a plugin's UI manifest declares, each a Web Component from its assets:
 * {"admin_pages": [{"id", "title", "tag", "entry_point"}]}.
 */
export function adminPages(manifest) {
  const list = manifest && typeof manifest === 'object' ? manifest.admin_pages : null;
  return Array.isArray(list)
    ? list
        .filter((p) => p && typeof p.tag === 'string' && typeof p.entry_point === 'string')
        .map((p, i) => ({ id: String(p.id ?? i), title: p.title || p.id || p.tag, tag: p.tag, entry_point: p.entry_point }))
    : [];
}

/** Links to the plugin's own admin pages, when its UI manifest declares some. */
function PluginPages({ plugin }) {
  const manifest = useLoad(() => loadUiManifest(plugin.id), [plugin.id]);
  if (manifest.error) {
    return <ErrorMessage title="Plugin UI" error={manifest.error} />;
  }
  if (manifest.data === undefined) return <Loading what="Loading the plugin's UI" />;
  const pages = adminPages(manifest.data);
  if (pages.length === 0) return null;
  return (
    <section class="card" aria-label="Plugin pages">
      <h2>Plugin pages</h2>
      <ul class="plain">
        {pages.map((p) => (
          <li key={p.id}>
            <a href={`#/admin/plugins/${plugin.id}/ui/${encodeURIComponent(p.id)}`}>{p.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PluginDetailPage({ id }) {
  const data = useLoad(() => get(`/plugins/${id}`), [id]);
  usePolling(data.reload);
  const action = useAction();
  const [done, setDone] = useState(null);
  const p = data.data;
  const saved = (message) => {
    setDone(message);
    data.reload();
  };
  return (
    <div>
      <PageHeader title={p ? `Plugin: ${p.name}` : 'Plugin'}>
        <a class="button" href="#/admin/plugins">
          All plugins
        </a>
        {p && (
          <>
            <PluginActions
              plugin={p}
              action={action}
              onDone={(m) => {
                setDone(m);
                data.reload();
              }}
            />
            <ConfirmButton
              confirm={`Delete ${p.name}? Its config and store go with it.`}
              onConfirm={() =>
                action.run(async () => {
                  await del(`/plugins/${p.id}`);
                  navigate('/admin/plugins');
                })
              }
            >
              Delete
            </ConfirmButton>
          </>
        )}
      </PageHeader>
      <ErrorMessage error={action.error} />
      {done && <Notice onClose={() => setDone(null)}>{done}</Notice>}
      <Async state={data} what="the plugin">
        {(plugin) => (
          <div class="stack">
            <section class="card" aria-label="Status">
              <h2>
                Status <ActiveBadge active={plugin.is_active} />
              </h2>
              <Status plugin={plugin} />
            </section>
            <ConfigEditor key={plugin.updated_at} plugin={plugin} onSaved={saved} />
            {(plugin.capabilities || []).includes('ui_provider') && <PluginPages plugin={plugin} />}
            <Registration key={'r' + plugin.updated_at} plugin={plugin} onSaved={saved} />
            <section class="card" aria-label="Manifest">
              <h2>Manifest</h2>
              {plugin.manifest ? <pre class="json">{JSON.stringify(plugin.manifest, null, 2)}</pre> : <p class="muted">No manifest.</p>}
            </section>
          </div>
        )}
      </Async>
    </div>
  );
}
