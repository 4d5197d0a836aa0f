import { useState } from 'preact/hooks';
import { del, get, patch, post } from '../api.js';
import {
  Async, CheckList, ConfirmButton, Empty, ErrorMessage, PageHeader, TextField, useAction, useLoad,
} from '../components/ui.jsx';

export const CATALOGUE_KINDS = {
  llm: { title: 'LLM catalogues', resources: 'llms', ids: 'llm_ids', label: 'LLMs' },
  datasource: { title: 'Datasource catalogues', resources: 'datasources', ids: 'datasource_ids', label: 'Datasources' },
  tool: { title: 'Tool catalogues', resources: 'tools', ids: 'tool_ids', label: 'Tools' },
};

function CatalogueForm({ kind, initial, resources, onSaved, onCancel }) {
  const k = CATALOGUE_KINDS[kind];
  const [name, setName] = useState(initial.name || '');
  const [description, setDescription] = useState(initial.description || '');
  const [ids, setIds] = useState(initial[k.ids] || []);
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { name, description, [k.ids]: ids };
      const saved = initial.id
        ? await patch(`/${kind}-catalogues/${initial.id}`, body)
        : await post(`/${kind}-catalogues`, body);
      onSaved(saved);
    });
  };
  return (
    <form class="card form" onSubmit={submit} aria-label={initial.id ? 'Edit catalogue' : 'New catalogue'}>
      <h2>{initial.id ? `Edit catalogue ${initial.name}` : `New ${k.title.replace(/s$/, '').toLowerCase()}`}</h2>
      <TextField label="Name" value={name} onInput={setName} required />
      <TextField label="Description" value={description} onInput={setDescription} textarea />
      <CheckList
        label={k.label}
        name={k.ids}
        items={resources.map((r) => ({
          id: r.id,
          label: r.name,
          hint: `privacy ${r.privacy_score}${r.is_active ? '' : ', inactive'}`,
        }))}
        selected={ids}
        onChange={setIds}
        emptyText={`No ${k.label} exist yet.`}
      />
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

export function CataloguesPage({ kind }) {
  const k = CATALOGUE_KINDS[kind];
  const data = useLoad(
    async () => (k ? { catalogues: await get(`/${kind}-catalogues`), resources: await get(`/${k.resources}`) } : null),
    [kind],
  );
  const [editing, setEditing] = useState(null);
  const action = useAction();
  if (!k) {
    return <ErrorMessage error={`No catalogue kind '${kind}'`} />;
  }
  return (
    <div>
      <PageHeader title="Catalogues">
        <button type="button" class="primary" onClick={() => setEditing({})}>
          New catalogue
        </button>
      </PageHeader>
      <div class="tabs" role="tablist">
        {Object.entries(CATALOGUE_KINDS).map(([key, v]) => (
          <a key={key} role="tab" aria-selected={key === kind} class={key === kind ? 'active' : ''} href={`#/admin/catalogues/${key}`}>
            {v.title}
          </a>
        ))}
      </div>
      <ErrorMessage error={action.error} />
      <Async state={data} what="catalogues">
        {({ catalogues, resources }) => {
          const names = new Map(resources.map((r) => [r.id, r.name]));
          return (
            <>
              {editing && (
                <CatalogueForm
                  key={editing.id || 'new'}
                  kind={kind}
                  initial={editing}
                  resources={resources}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    data.reload();
                  }}
                />
              )}
              {catalogues.length === 0 ? (
                <Empty>No {k.title.toLowerCase()} yet.</Empty>
              ) : (
                <table class="table">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>{k.label}</th>
                      <th>Description</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {catalogues.map((c) => (
                      <tr key={c.id}>
                        <td>{c.name}</td>
                        <td>{c[k.ids].map((id) => names.get(id) || `#${id}`).join(', ') || <span class="muted">none</span>}</td>
                        <td class="muted">{c.description}</td>
                        <td class="actions">
                          <button type="button" onClick={() => setEditing(c)}>
                            Edit
                          </button>
                          <ConfirmButton
                            confirm={`Delete ${c.name}?`}
                            onConfirm={() =>
                              action.run(async () => {
                                await del(`/${kind}-catalogues/${c.id}`);
                                data.reload();
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
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
