import { useState } from 'preact/hooks';
import { del, get, patch, post } from '../api.js';
import {
  Async, Badge, ConfirmButton, Empty, ErrorMessage, PageHeader, SecretOnce, TextField, Toggle, formatTime, useAction,
  useLoad,
} from '../components/ui.jsx';

function UserForm({ initial, onSaved, onCancel }) {
  const [form, setForm] = useState({ email: '', name: '', is_admin: false, is_active: true, ...initial });
  const action = useAction();
  const set = (f) => (v) => setForm((s) => ({ ...s, [f]: v }));
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = { email: form.email, name: form.name, is_admin: form.is_admin };
      if (initial.id && !initial.is_bootstrap) body.is_active = form.is_active;
      onSaved(initial.id ? await patch(`/users/${initial.id}`, body) : await post('/users', body));
    });
  };
  return (
    <form class="card form" onSubmit={submit} aria-label={initial.id ? 'Edit user' : 'New user'}>
      <h2>{initial.id ? `Edit ${initial.email}` : 'New user'}</h2>
      <TextField label="Email" type="email" value={form.email} onInput={set('email')} required />
      <TextField label="Name" value={form.name} onInput={set('name')} />
      <Toggle
        label="Administrator"
        checked={form.is_admin}
        onChange={set('is_admin')}
        hint={initial.is_bootstrap ? 'The bootstrap admin stays an admin.' : undefined}
      />
      {initial.id && !initial.is_bootstrap && (
        <Toggle
          label="Active"
          checked={form.is_active}
          onChange={set('is_active')}
          hint="A disabled user's API key and UI sessions are refused at once."
        />
      )}
      <ErrorMessage error={action.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : initial.id ? 'Save' : 'Create user'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const data = useLoad(async () => ({ users: await get('/users'), groups: await get('/groups') }));
  const [editing, setEditing] = useState(null);
  const [created, setCreated] = useState(null);
  const action = useAction();
  return (
    <div>
      <PageHeader title="Users">
        <button type="button" class="primary" onClick={() => setEditing({})}>
          New user
        </button>
      </PageHeader>
      {created && (
        <SecretOnce
          title={`API key for ${created.email}`}
          value={created.api_key}
          onDone={() => setCreated(null)}
        />
      )}
      {editing && (
        <UserForm
          key={editing.id || 'new'}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            if (u.api_key) setCreated(u);
            data.reload();
          }}
        />
      )}
      <ErrorMessage error={action.error} />
      <Async state={data} what="users">
        {({ users, groups }) => {
          const groupNames = new Map(groups.map((g) => [g.id, g.name]));
          return users.length === 0 ? (
            <Empty>No users.</Empty>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Groups</th>
                  <th>Key</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <td>{u.email}</td>
                    <td>{u.name}</td>
                    <td>
                      {u.is_admin ? <Badge kind="ok">admin</Badge> : <Badge>user</Badge>}
                      {u.is_bootstrap && <Badge>bootstrap</Badge>}
                      {u.is_active === false && <Badge kind="bad">disabled</Badge>}
                    </td>
                    <td>{(u.group_ids || []).map((id) => groupNames.get(id) || `#${id}`).join(', ') || <span class="muted">none</span>}</td>
                    <td>
                      <code>{u.api_key_prefix}…</code>
                    </td>
                    <td>{formatTime(u.created_at)}</td>
                    <td class="actions">
                      <button type="button" onClick={() => setEditing(u)}>
                        Edit
                      </button>
                      {!u.is_bootstrap && (
                        <ConfirmButton
                          confirm={`Delete ${u.email}?`}
                          onConfirm={() =>
                            action.run(async () => {
                              await del(`/users/${u.id}`);
                              data.reload();
                            })
                          }
                        >
                          Delete
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Async>
    </div>
  );
}
