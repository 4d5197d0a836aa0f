import { useEffect, useState } from 'preact/hooks';
import { get, patch, post } from '../api.js';
import { navigate } from '../router.js';
import {
  ActiveBadge, Async, CheckList, Empty, ErrorMessage, PageHeader, StateBadge, TextField, useAction, useLoad,
} from '../components/ui.jsx';
import { KeyValueEditor } from '../components/KeyValueEditor.jsx';

export const HOOKS = ['custom_endpoint', 'resource_provider', 'studio_ui'];

/** Reloads every few seconds while shown: plugin state moves on its own (restarts, crashes). */
export function usePolling(reload, ms = 5000) {
  useEffect(() => {
    const t = setInterval(() => document.visibilityState === 'visible' && reload(), ms);
    return () => clearInterval(t);
  }, [reload, ms]);
}

function RegisterPlugin({ onCancel }) {
  const [form, setForm] = useState({ name: '', command: '', description: '', hooks: ['custom_endpoint'], config: {} });
  const action = useAction();
  const set = (f) => (v) => setForm((s) => ({ ...s, [f]: v }));
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const created = await post('/plugins', {
        name: form.name,
        command: form.command,
        description: form.description,
        hook_type: form.hooks[0] || 'custom_endpoint',
        hook_types: form.hooks.length ? form.hooks : ['custom_endpoint'],
        config: form.config,
      });
      navigate(`/admin/plugins/${created.id}`);
    });
  };
  return (
    <form class="card form" onSubmit={submit} aria-label="Register plugin">
      <h2>Register a plugin</h2>
      <TextField label="Name" value={form.name} onInput={set('name')} required />
      <TextField
        label="Command"
        value={form.command}
        onInput={set('command')}
        required
        placeholder="pf4j:<plugin-id>, file:///abs/path or grpc://host:port"
        hint="A jar dropped into the plugins directory registers itself; use this for external plugins."
      />
      <TextField label="Description" value={form.description} onInput={set('description')} />
      <CheckList label="Hooks" items={HOOKS.map((h) => ({ id: h, label: h }))} selected={form.hooks} onChange={set('hooks')} />
      <KeyValueEditor label="Config" value={form.config} onChange={set('config')} />
      <ErrorMessage error={action.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Registering…' : 'Register'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function PluginActions({ plugin, onDone, action }) {
  return (
    <span class="actions">
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            await post(`/plugins/${plugin.id}/reload`);
            onDone(`${plugin.name} reloaded`);
          })
        }
      >
        Reload
      </button>
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            await patch(`/plugins/${plugin.id}`, { is_active: !plugin.is_active });
            onDone(`${plugin.name} ${plugin.is_active ? 'deactivated' : 'activated'}`);
          })
        }
      >
        {plugin.is_active ? 'Deactivate' : 'Activate'}
      </button>
    </span>
  );
}

export function PluginsPage() {
  const list = useLoad(() => get('/plugins'));
  usePolling(list.reload);
  const [registering, setRegistering] = useState(false);
  const [done, setDone] = useState(null);
  const action = useAction();
  return (
    <div>
      <PageHeader title="Plugins">
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
        <button type="button" class="primary" onClick={() => setRegistering(true)}>
          Register plugin
        </button>
      </PageHeader>
      {registering && <RegisterPlugin onCancel={() => setRegistering(false)} />}
      <ErrorMessage error={action.error} />
      {done && <div class="notice ok" role="status">{done}</div>}
      <Async state={list} what="plugins">
        {(plugins) =>
          plugins.length === 0 ? (
            <Empty>No plugins are registered. Drop a plugin jar into the plugins directory or register an external one.</Empty>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>State</th>
                  <th>Version</th>
                  <th>Restarts</th>
                  <th>Slug</th>
                  <th>Capabilities</th>
                  <th>Registration</th>
                  <th>Error</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {plugins.map((p) => (
                  <tr key={p.id} data-plugin={p.name}>
                    <td>
                      <a href={`#/admin/plugins/${p.id}`}>{p.name}</a>
                      <div class="muted small">{p.command}</div>
                    </td>
                    <td>
                      <StateBadge state={p.status?.state} />
                    </td>
                    <td>{p.status?.version || '—'}</td>
                    <td>{p.status?.restarts ?? 0}</td>
                    <td>{p.status?.slug ? <code>{p.status.slug}</code> : '—'}</td>
                    <td class="small">{(p.capabilities?.length ? p.capabilities : p.hook_types || []).join(', ')}</td>
                    <td>
                      <ActiveBadge active={p.is_active} />
                    </td>
                    <td class="error-text small">{p.status?.error || ''}</td>
                    <td>
                      <PluginActions
                        plugin={p}
                        action={action}
                        onDone={(m) => {
                          setDone(m);
                          list.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </div>
  );
}
