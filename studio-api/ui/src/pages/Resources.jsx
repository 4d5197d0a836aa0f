import { useState } from 'preact/hooks';
import { del, get, patch, post } from '../api.js';
import {
  ActiveBadge, Async, ConfirmButton, Empty, ErrorMessage, NumberField, PageHeader, TextField, Toggle, useAction,
  useLoad,
} from '../components/ui.jsx';

/** The three built-in governed kinds: same shape, LLMs also have a vendor. */
export const KINDS = {
  llms: { title: 'LLMs', one: 'LLM', vendor: true, catalogue: 'llm' },
  datasources: { title: 'Datasources', one: 'datasource', vendor: false, catalogue: 'datasource' },
  tools: { title: 'Tools', one: 'tool', vendor: false, catalogue: 'tool' },
};

const blank = { name: '', description: '', vendor: '', privacy_score: 50, is_active: true };

function ResourceForm({ kind, initial, onSaved, onCancel }) {
  const k = KINDS[kind];
  const [form, setForm] = useState({ ...blank, ...initial });
  const action = useAction();
  const set = (field) => (value) => setForm((f) => ({ ...f, [field]: value }));
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = {
        name: form.name,
        description: form.description,
        privacy_score: form.privacy_score,
        is_active: form.is_active,
      };
      if (k.vendor) body.vendor = form.vendor;
      const saved = initial?.id ? await patch(`/${kind}/${initial.id}`, body) : await post(`/${kind}`, body);
      onSaved(saved);
    });
  };
  return (
    <form class="card form" onSubmit={submit} aria-label={(initial?.id ? 'Edit ' : 'New ') + k.one}>
      <h2>{initial?.id ? `Edit ${k.one} ${initial.name}` : `New ${k.one}`}</h2>
      <TextField label="Name" value={form.name} onInput={set('name')} required />
      {k.vendor && <TextField label="Vendor" value={form.vendor} onInput={set('vendor')} />}
      <NumberField
        label="Privacy score"
        value={form.privacy_score}
        onInput={set('privacy_score')}
        min={0}
        max={100}
        required
        hint="0–100. No datasource or scored plugin resource in an App may exceed the App's highest LLM score."
      />
      <TextField label="Description" value={form.description} onInput={set('description')} textarea />
      <Toggle label="Active" checked={form.is_active} onChange={set('is_active')} />
      <ErrorMessage error={action.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ResourcesPage({ kind }) {
  const k = KINDS[kind];
  const list = useLoad(() => get(`/${kind}`), [kind]);
  const [editing, setEditing] = useState(null);
  const action = useAction();

  return (
    <div>
      <PageHeader title={k.title}>
        <button type="button" class="primary" onClick={() => setEditing({})}>
          New {k.one}
        </button>
      </PageHeader>
      {editing && (
        <ResourceForm
          key={editing.id || 'new'}
          kind={kind}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      <ErrorMessage error={action.error} />
      <Async state={list} what={k.title}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No {k.title} yet.</Empty>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>Name</th>
                  {k.vendor && <th>Vendor</th>}
                  <th>Privacy score</th>
                  <th>Status</th>
                  <th>Description</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.name}</td>
                    {k.vendor && <td>{r.vendor}</td>}
                    <td>{r.privacy_score}</td>
                    <td>
                      <ActiveBadge active={r.is_active} />
                    </td>
                    <td class="muted">{r.description}</td>
                    <td class="actions">
                      <button type="button" onClick={() => setEditing(r)}>
                        Edit
                      </button>
                      <ConfirmButton
                        confirm={`Delete ${r.name}?`}
                        onConfirm={() =>
                          action.run(async () => {
                            await del(`/${kind}/${r.id}`);
                            list.reload();
                          })
                        }
                      >
                        Delete
                      </ConfirmButton>
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
