import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { useSession } from '../session.js';
import {
  ActiveBadge, Async, Badge, Empty, ErrorMessage, Loading, Notice, PageHeader, TextField, useAction, useLoad,
} from '../components/ui.jsx';

function NewInstance({ type, onCreated, onCancel }) {
  const [payload, setPayload] = useState(
    JSON.stringify(type.has_privacy_score ? { name: '', description: '', privacy_score: 50 } : { name: '', description: '' }, null, 2),
  );
  const action = useAction();
  return (
    <form
      class="form"
      aria-label={`New ${type.name} instance`}
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          let body;
          try {
            body = JSON.parse(payload);
          } catch (err) {
            throw new Error(`The payload is not JSON: ${err.message}`);
          }
          onCreated(await post(`/plugin-resource-types/${type.id}/instances`, body));
        });
      }}
    >
      <TextField label="Payload (JSON, as the plugin defines it)" value={payload} onInput={setPayload} textarea />
      <ErrorMessage error={action.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          Create
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TypeCard({ type }) {
  const { user } = useSession();
  const instances = useLoad(() => get(`/plugin-resource-types/${type.id}/instances`), [type.id]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState(null);
  return (
    <section class="card" aria-label={type.name} data-type={type.slug}>
      <h2>
        {type.name} {type.has_privacy_score && <Badge>privacy scores</Badge>} {type.supports_submissions && <Badge>submissions</Badge>}{' '}
        {type.form_component && <Badge>custom selector</Badge>}
      </h2>
      {type.description && <p class="muted">{type.description}</p>}
      {created && <Notice onClose={() => setCreated(null)}>Created {created.name} ({created.id}).</Notice>}
      {user.is_admin &&
        (adding ? (
          <NewInstance
            type={type}
            onCancel={() => setAdding(false)}
            onCreated={(i) => {
              setAdding(false);
              setCreated(i);
              instances.reload();
            }}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            New instance
          </button>
        ))}
      {instances.error ? (
        <ErrorMessage error={instances.error} />
      ) : instances.data === undefined ? (
        <Loading what="Loading instances" />
      ) : instances.data.length === 0 ? (
        <Empty>{user.is_admin ? 'No instances yet.' : 'None of these is granted to your groups.'}</Empty>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Id</th>
              {type.has_privacy_score && <th>Privacy score</th>}
              <th>Status</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {instances.data.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>
                  <code>{i.id}</code>
                </td>
                {type.has_privacy_score && <td>{i.privacy_score}</td>}
                <td>
                  <ActiveBadge active={i.is_active} />
                </td>
                <td class="muted">{i.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PluginResourcesPage() {
  const { user } = useSession();
  const types = useLoad(() => get('/plugin-resource-types'));
  return (
    <div>
      <PageHeader title="Plugin resources">
        <a class="button" href="#/submissions">
          Propose a resource
        </a>
      </PageHeader>
      <p class="muted">
        Resource types provided by plugins, and {user.is_admin ? 'all their instances' : 'the instances granted to your groups'}.
      </p>
      <Async state={types} what="resource types">
        {(list) =>
          list.length === 0 ? (
            <Empty>No plugin provides resource types right now.</Empty>
          ) : (
            <div class="stack">
              {list.map((t) => (
                <TypeCard key={t.id} type={t} />
              ))}
            </div>
          )
        }
      </Async>
    </div>
  );
}
