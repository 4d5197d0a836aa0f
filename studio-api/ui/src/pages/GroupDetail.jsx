import { useEffect, useRef, useState } from 'preact/hooks';
import { del, get, patch, post, put } from '../api.js';
import {
  Async, CheckList, Empty, ErrorMessage, Loading, Notice, PageHeader, TextField, useAction, useId, useLoad,
} from '../components/ui.jsx';
import { CATALOGUE_KINDS } from './Catalogues.jsx';

const grantKey = (pluginId, slug) => `${pluginId}/${slug}`;

async function loadGroup(id) {
  const [group, users, llm, datasource, tool, types, grants] = await Promise.all([
    get(`/groups/${id}`),
    get('/users'),
    get('/llm-catalogues'),
    get('/datasource-catalogues'),
    get('/tool-catalogues'),
    get('/plugin-resource-types'),
    get(`/groups/${id}/plugin-resources`),
  ]);
  return { group, users, catalogues: { llm, datasource, tool }, types, grants: grants.resources };
}

function Details({ group, onSaved }) {
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="card form"
      aria-label="Group details"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        action.run(async () => {
          await patch(`/groups/${group.id}`, { name, description });
          setSaved(true);
          onSaved();
        });
      }}
    >
      <h2>Details</h2>
      <TextField label="Name" value={name} onInput={setName} required />
      <TextField label="Description" value={description} onInput={setDescription} textarea />
      <ErrorMessage error={action.error} />
      {saved && <Notice>Saved.</Notice>}
      <button type="submit" class="primary" disabled={action.busy}>
        Save details
      </button>
    </form>
  );
}

function Members({ group, users, onChanged }) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const candidates = users.filter((u) => !group.member_ids.includes(u.id));
  const [adding, setAdding] = useState('');
  const action = useAction();
  const selectId = useId();
  return (
    <section class="card" aria-label="Members">
      <h2>Members</h2>
      {group.member_ids.length === 0 ? (
        <Empty>No members yet.</Empty>
      ) : (
        <ul class="plain">
          {group.member_ids.map((uid) => (
            <li key={uid}>
              {byId.get(uid)?.email || `user ${uid}`}{' '}
              <button
                type="button"
                class="link"
                aria-label={`Remove ${byId.get(uid)?.email || uid}`}
                onClick={() =>
                  action.run(async () => {
                    await del(`/groups/${group.id}/members/${uid}`);
                    onChanged();
                  })
                }
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <label for={selectId}>Add member</label>
        <select id={selectId} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
          <option value="">Choose a user…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!adding || action.busy}
          onClick={() =>
            action.run(async () => {
              await post(`/groups/${group.id}/members`, { user_id: Number(adding) });
              setAdding('');
              onChanged();
            })
          }
        >
          Add
        </button>
      </div>
      <ErrorMessage error={action.error} />
    </section>
  );
}

function Catalogues({ group, catalogues, onSaved }) {
  const [ids, setIds] = useState({
    llm: group.llm_catalogue_ids,
    datasource: group.datasource_catalogue_ids,
    tool: group.tool_catalogue_ids,
  });
  const action = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-label="Catalogues">
      <h2>Catalogues</h2>
      <p class="muted">Members may use the LLMs, datasources and tools in these catalogues in their Apps.</p>
      <div class="columns">
        {Object.entries(CATALOGUE_KINDS).map(([kind, k]) => (
          <CheckList
            key={kind}
            label={k.title}
            name={`${kind}_catalogue_ids`}
            items={catalogues[kind].map((c) => ({ id: c.id, label: c.name, hint: `${c[k.ids].length} ${k.label}` }))}
            selected={ids[kind]}
            onChange={(v) => setIds((s) => ({ ...s, [kind]: v }))}
            emptyText="No catalogues of this kind yet."
          />
        ))}
      </div>
      <ErrorMessage error={action.error} />
      {saved && <Notice>Catalogues saved.</Notice>}
      <button
        type="button"
        class="primary"
        disabled={action.busy}
        onClick={() => {
          setSaved(false);
          action.run(async () => {
            await patch(`/groups/${group.id}`, {
              llm_catalogue_ids: ids.llm,
              datasource_catalogue_ids: ids.datasource,
              tool_catalogue_ids: ids.tool,
            });
            setSaved(true);
            onSaved();
          });
        }}
      >
        Save catalogues
      </button>
    </section>
  );
}

/** One resource type's instances, as checkboxes; its own loading and error state. */
function TypeGrants({ type, selected, onChange }) {
  const instances = useLoad(() => get(`/plugin-resource-types/${type.id}/instances`), [type.id]);
  return (
    <div class="type-grants" data-type={type.slug}>
      {instances.error ? (
        <div>
          <strong>{type.name}</strong>
          <ErrorMessage error={instances.error} />
          <p class="muted">The grants already stored for this type are kept as they are.</p>
        </div>
      ) : instances.data === undefined ? (
        <Loading what={`Loading ${type.name}`} />
      ) : (
        <CheckList
          label={type.name}
          name={type.slug}
          items={instances.data.map((i) => ({
            id: i.id,
            label: i.name,
            hint: [type.has_privacy_score ? `privacy ${i.privacy_score}` : null, i.is_active ? null : 'inactive', i.description]
              .filter(Boolean)
              .join(' · '),
          }))}
          selected={selected}
          onChange={onChange}
          emptyText={`The plugin has no ${type.name} yet.`}
        />
      )}
    </div>
  );
}

/** Seed 003's "Plugin Resources" section: per resource type, the instances the group may use. */
function PluginResources({ group, types, grants, onSaved }) {
  const initial = () => Object.fromEntries(grants.map((g) => [grantKey(g.plugin_id, g.resource_type_slug), g.instance_ids]));
  const [selection, setSelection] = useState(initial);
  // Reset to what is stored only when that changed: a reload after another section's save must
  // not drop ticks made meanwhile.
  const stored = JSON.stringify(grants);
  const seen = useRef(stored);
  useEffect(() => {
    if (seen.current !== stored) {
      seen.current = stored;
      setSelection(initial());
    }
  }, [stored]);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const save = () => {
    setSaved(false);
    action.run(async () => {
      const resources = [];
      const seen = new Set();
      for (const g of grants) {
        const key = grantKey(g.plugin_id, g.resource_type_slug);
        seen.add(key);
        resources.push({ plugin_id: g.plugin_id, resource_type_slug: g.resource_type_slug, instance_ids: selection[key] || [] });
      }
      for (const t of types) {
        const key = grantKey(t.plugin_id, t.slug);
        if (!seen.has(key) && (selection[key] || []).length > 0) {
          resources.push({ plugin_id: t.plugin_id, resource_type_slug: t.slug, instance_ids: selection[key] });
        }
      }
      await put(`/groups/${group.id}/plugin-resources`, { resources: resources.filter((r) => r.instance_ids.length > 0) });
      setSaved(true);
      onSaved();
    });
  };
  return (
    <section class="card" aria-label="Plugin Resources">
      <h2>Plugin Resources</h2>
      <p class="muted">
        Instances of the resource types plugins provide, granted to this group directly (no catalogue). Members
        see and may select only these.
      </p>
      {types.length === 0 ? (
        <Empty>No plugin provides resource types right now.</Empty>
      ) : (
        types.map((t) => (
          <TypeGrants
            key={t.id}
            type={t}
            selected={selection[grantKey(t.plugin_id, t.slug)] || []}
            onChange={(ids) => setSelection((s) => ({ ...s, [grantKey(t.plugin_id, t.slug)]: ids }))}
          />
        ))
      )}
      <ErrorMessage error={action.error} />
      {saved && <Notice>Plugin resources saved.</Notice>}
      {types.length > 0 && (
        <button type="button" class="primary" disabled={action.busy} onClick={save}>
          Save plugin resources
        </button>
      )}
    </section>
  );
}

export function GroupDetailPage({ id }) {
  const data = useLoad(() => loadGroup(id), [id]);
  return (
    <div>
      <PageHeader title={data.data ? `Group: ${data.data.group.name}` : 'Group'}>
        <a class="button" href="#/admin/groups">
          All groups
        </a>
      </PageHeader>
      <Async state={data} what="the group">
        {(d) => (
          <div class="stack">
            <Details group={d.group} onSaved={data.reload} />
            <Members group={d.group} users={d.users} onChanged={data.reload} />
            <Catalogues group={d.group} catalogues={d.catalogues} onSaved={data.reload} />
            <PluginResources group={d.group} types={d.types} grants={d.grants} onSaved={data.reload} />
          </div>
        )}
      </Async>
    </div>
  );
}
