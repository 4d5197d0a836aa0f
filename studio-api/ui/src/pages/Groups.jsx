import { useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { navigate } from '../router.js';
import {
  Async, ConfirmButton, Empty, ErrorMessage, PageHeader, TextField, useAction, useLoad,
} from '../components/ui.jsx';

function NewGroup({ onCancel }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const g = await post('/groups', { name, description });
      navigate(`/admin/groups/${g.id}`);
    });
  };
  return (
    <form class="card form" onSubmit={submit} aria-label="New group">
      <h2>New group</h2>
      <TextField label="Name" value={name} onInput={setName} required />
      <TextField label="Description" value={description} onInput={setDescription} textarea />
      <ErrorMessage error={action.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Creating…' : 'Create group'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function GroupsPage() {
  const list = useLoad(() => get('/groups'));
  const [creating, setCreating] = useState(false);
  const action = useAction();
  return (
    <div>
      <PageHeader title="Groups">
        <button type="button" class="primary" onClick={() => setCreating(true)}>
          New group
        </button>
      </PageHeader>
      {creating && <NewGroup onCancel={() => setCreating(false)} />}
      <ErrorMessage error={action.error} />
      <Async state={list} what="groups">
        {(groups) =>
          groups.length === 0 ? (
            <Empty>No groups yet. A group gives its members catalogues of LLMs, datasources and tools, and plugin resources.</Empty>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Members</th>
                  <th>Catalogues</th>
                  <th>Description</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <a href={`#/admin/groups/${g.id}`}>{g.name}</a>
                    </td>
                    <td>{g.member_ids.length}</td>
                    <td>{g.llm_catalogue_ids.length + g.datasource_catalogue_ids.length + g.tool_catalogue_ids.length}</td>
                    <td class="muted">{g.description}</td>
                    <td class="actions">
                      <a class="button" href={`#/admin/groups/${g.id}`}>
                        Open
                      </a>
                      <ConfirmButton
                        confirm={`Delete ${g.name}?`}
                        onConfirm={() =>
                          action.run(async () => {
                            await del(`/groups/${g.id}`);
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
