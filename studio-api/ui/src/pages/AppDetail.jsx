import { useState } from 'preact/hooks';
import { del, get, post, seg } from '../api.js';
import { navigate } from '../router.js';
import {
  ActiveBadge, Async, Badge, ConfirmButton, Empty, ErrorMessage, PageHeader, SecretOnce, TextField, formatTime,
  useAction, useId, useLoad,
} from '../components/ui.jsx';

async function loadApp(id) {
  const app = await get(`/apps/${seg(id)}`);
  const [llms, datasources, tools, plugin, credentials] = await Promise.all([
    get('/llms'),
    get('/datasources'),
    get('/tools'),
    get(`/apps/${seg(id)}/plugin-resources`),
    get(`/apps/${seg(id)}/credentials`),
  ]);
  return { app, llms, datasources, tools, plugin: plugin.plugin_resources, credentials };
}

function names(ids, list) {
  const byId = new Map(list.map((r) => [r.id, r]));
  if (ids.length === 0) return <span class="muted">none</span>;
  return ids.map((i) => (byId.get(i) ? `${byId.get(i).name} (privacy ${byId.get(i).privacy_score})` : `#${i}`)).join(', ');
}

function IssueToken({ appId, onIssued }) {
  const [scopes, setScopes] = useState('');
  const [expires, setExpires] = useState('');
  const action = useAction();
  const expiresId = useId();
  return (
    <form
      class="inline-form"
      aria-label="Issue token"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          const body = { scopes: scopes.split(/[\s,]+/).filter(Boolean) };
          if (expires) body.expires_at = new Date(expires).toISOString();
          const issued = await post(`/apps/${appId}/credentials`, body);
          setScopes('');
          setExpires('');
          onIssued(issued);
        });
      }}
    >
      <TextField label="Scopes" value={scopes} onInput={setScopes} placeholder="echo:read, mcp:call" hint="Optional, comma or space separated" />
      <div class="field">
        <label for={expiresId}>Expires</label>
        <input id={expiresId} type="datetime-local" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />
        <small class="hint">Optional; never when empty</small>
      </div>
      <button type="submit" class="primary" disabled={action.busy}>
        {action.busy ? 'Issuing…' : 'Issue token'}
      </button>
      <ErrorMessage error={action.error} />
    </form>
  );
}

function Tokens({ app, credentials, onChanged }) {
  const [issued, setIssued] = useState(null);
  const action = useAction();
  return (
    <section class="card" aria-label="Tokens">
      <h2>Tokens</h2>
      <p class="muted">Tokens authenticate this App at the gateway (Authorization: Bearer …).</p>
      {issued && <SecretOnce title="New token" value={issued.token} onDone={() => setIssued(null)} />}
      <IssueToken
        appId={app.id}
        onIssued={(c) => {
          setIssued(c);
          onChanged();
        }}
      />
      <ErrorMessage error={action.error} />
      {credentials.length === 0 ? (
        <Empty>No tokens yet.</Empty>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>Token</th>
              <th>Scopes</th>
              <th>Status</th>
              <th>Created</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => (
              <tr key={c.id} data-credential={c.id}>
                <td>
                  <code>{c.token_prefix}…</code>
                </td>
                <td>{c.scopes.join(', ') || <span class="muted">none</span>}</td>
                <td>{c.revoked_at ? <Badge kind="bad">revoked {formatTime(c.revoked_at)}</Badge> : <ActiveBadge active={c.is_active} />}</td>
                <td>{formatTime(c.created_at)}</td>
                <td>{c.expires_at ? formatTime(c.expires_at) : 'never'}</td>
                <td class="actions">
                  {!c.revoked_at && c.is_active && (
                    <ConfirmButton
                      confirm="Revoke? The gateway refuses it at once."
                      onConfirm={() =>
                        action.run(async () => {
                          await del(`/apps/${app.id}/credentials/${c.id}`);
                          onChanged();
                        })
                      }
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AppDetailPage({ id }) {
  const data = useLoad(() => loadApp(id), [id]);
  const action = useAction();
  const a = data.data?.app;
  return (
    <div>
      <PageHeader title={a ? `App: ${a.name}` : 'App'}>
        <a class="button" href="#/apps">
          All Apps
        </a>
        {a && (
          <>
            <a class="button" href={`#/apps/${a.id}/edit`}>
              Edit
            </a>
            <ConfirmButton
              confirm={`Delete ${a.name} and its tokens?`}
              onConfirm={() =>
                action.run(async () => {
                  await del(`/apps/${a.id}`);
                  navigate('/apps');
                })
              }
            >
              Delete
            </ConfirmButton>
          </>
        )}
      </PageHeader>
      <ErrorMessage error={action.error} />
      <Async state={data} what="the App">
        {({ app, llms, datasources, tools, plugin, credentials }) => (
          <div class="stack">
            <section class="card" aria-label="About">
              <dl class="facts">
                <dt>Status</dt>
                <dd>
                  <ActiveBadge active={app.is_active} />
                </dd>
                <dt>Description</dt>
                <dd>{app.description || <span class="muted">none</span>}</dd>
                <dt>Owner</dt>
                <dd>{app.owner_email || '—'}</dd>
                <dt>LLMs</dt>
                <dd>{names(app.llm_ids, llms)}</dd>
                <dt>Datasources</dt>
                <dd>{names(app.datasource_ids, datasources)}</dd>
                <dt>Tools</dt>
                <dd>{names(app.tool_ids, tools)}</dd>
                <dt>Plugin resources</dt>
                <dd>
                  {plugin.length === 0 ? (
                    <span class="muted">none</span>
                  ) : (
                    <ul class="plain">
                      {plugin.map((p) => (
                        <li key={`${p.plugin_id}/${p.resource_type_slug}`}>
                          <strong>{p.resource_type_slug}</strong>:{' '}
                          {p.instances.map((i) => `${i.name} (privacy ${i.privacy_score})`).join(', ')}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
                {Object.keys(app.metadata || {}).length > 0 && (
                  <>
                    <dt>Metadata</dt>
                    <dd>
                      {Object.entries(app.metadata).map(([k, v]) => (
                        <div key={k}>
                          <code>{k}</code> = {v}
                        </div>
                      ))}
                    </dd>
                  </>
                )}
              </dl>
            </section>
            <Tokens app={app} credentials={credentials} onChanged={data.reload} />
          </div>
        )}
      </Async>
    </div>
  );
}
