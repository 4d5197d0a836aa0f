import { useEffect, useRef, useState } from 'preact/hooks';
import { get, patch, post, seg } from '../api.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import {
  Async, CheckList, ErrorMessage, Loading, NumberField, PageHeader, TextField, Toggle, useAction, useLoad,
} from '../components/ui.jsx';
import { KeyValueEditor } from '../components/KeyValueEditor.jsx';
import { PluginElement } from '../plugin/PluginElement.jsx';

const typeKey = (pluginId, slug) => `${pluginId}/${slug}`;

async function loadForm(id) {
  const [llms, datasources, tools, types, app] = await Promise.all([
    get('/llms'),
    get('/datasources'),
    get('/tools'),
    get('/plugin-resource-types'),
    id ? get(`/apps/${seg(id)}`) : Promise.resolve(null),
  ]);
  return { llms, datasources, tools, types, app };
}

/** The platform's own selector for a type without a form_component: its instances as checkboxes. */
function StandardSelect({ type, selected, onChange, maxLlm }) {
  const instances = useLoad(() => get(`/plugin-resource-types/${type.id}/instances`), [type.id]);
  if (instances.error) return <ErrorMessage title={type.name} error={instances.error} />;
  if (instances.data === undefined) return <Loading what={`Loading ${type.name}`} />;
  return (
    <CheckList
      label={type.name}
      name={type.slug}
      items={instances.data.map((i) => ({
        id: i.id,
        label: i.name,
        hint: [
          type.has_privacy_score ? `privacy ${i.privacy_score}` : null,
          type.has_privacy_score && maxLlm !== null && i.privacy_score > maxLlm ? 'above your LLMs' : null,
          i.is_active ? null : 'inactive',
          i.description,
        ]
          .filter(Boolean)
          .join(' · '),
        disabled: !i.is_active,
      }))}
      selected={selected}
      onChange={onChange}
      emptyText={`No ${type.name} are available to you.`}
    />
  );
}

/** One plugin resource type in the App form: the plugin's Web Component, or the standard list. */
function PluginResourceField({ type, selected, onChange, appId, mode, maxLlm }) {
  const standard = <StandardSelect type={type} selected={selected} onChange={onChange} maxLlm={maxLlm} />;
  return (
    <section class="plugin-resource" data-type={type.slug} aria-label={type.name}>
      <h3>{type.name}</h3>
      {type.description && <p class="muted">{type.description}</p>}
      {type.form_component ? (
        <PluginElement
          pluginId={type.plugin_id}
          typeId={type.id}
          tag={type.form_component.tag}
          entryPoint={type.form_component.entry_point}
          attrs={{
            'data-selected-ids': JSON.stringify(selected),
            'data-app-id': appId ? String(appId) : '',
            'data-mode': mode,
          }}
          events={{
            'selection-change': (e) => {
              const ids = e.detail && e.detail.selectedIds;
              if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) onChange([...ids]);
            },
          }}
          fallback={standard}
        />
      ) : (
        standard
      )}
      <p class="small muted" data-testid={`selected-${type.slug}`}>
        {selected.length === 0 ? 'None selected.' : `Selected: ${selected.join(', ')}`}
      </p>
    </section>
  );
}

function AppForm({ data, id }) {
  const { user } = useSession();
  const app = data.app;
  const mode = app ? 'edit' : 'create';
  const initialPlugin = () =>
    Object.fromEntries((app?.plugin_resources || []).map((p) => [typeKey(p.plugin_id, p.resource_type_slug), p.instance_ids]));
  const [form, setForm] = useState({
    name: app?.name || '',
    description: app?.description || '',
    is_active: app ? app.is_active : true,
    owner_email: '',
    monthly_budget: app?.monthly_budget ?? 0,
    rate_limit: app?.rate_limit ?? 0,
    metadata: app?.metadata || {},
    llm_ids: app?.llm_ids || [],
    datasource_ids: app?.datasource_ids || [],
    tool_ids: app?.tool_ids || [],
  });
  const [pluginSel, setPluginSel] = useState(initialPlugin);
  const set = (f) => (v) => setForm((s) => ({ ...s, [f]: v }));
  const action = useAction();
  const errorRef = useRef(null);
  useEffect(() => {
    if (action.error) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [action.error]);

  const llmScores = form.llm_ids.map((x) => data.llms.find((l) => l.id === x)?.privacy_score).filter((s) => s !== undefined);
  const maxLlm = llmScores.length ? Math.max(...llmScores) : null;

  const pluginResources = () => {
    const original = initialPlugin();
    const keys = new Set([...Object.keys(original), ...data.types.map((t) => typeKey(t.plugin_id, t.slug))]);
    const list = [];
    for (const key of keys) {
      const ids = pluginSel[key] || [];
      if (ids.length === 0 && !(key in original)) continue;
      const [pluginId, ...slug] = key.split('/');
      list.push({ plugin_id: Number(pluginId), resource_type_slug: slug.join('/'), instance_ids: ids });
    }
    return list;
  };
  const changedPlugins = () => JSON.stringify(normalise(initialPlugin())) !== JSON.stringify(normalise(pluginSel));

  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const body = {
        name: form.name,
        description: form.description,
        metadata: form.metadata,
        monthly_budget: form.monthly_budget ?? 0,
        rate_limit: form.rate_limit ?? 0,
        llm_ids: form.llm_ids,
        datasource_ids: form.datasource_ids,
        tool_ids: form.tool_ids,
      };
      if (app) body.is_active = form.is_active;
      if (!app && user.is_admin && form.owner_email.trim()) body.owner_email = form.owner_email.trim();
      if (!app || changedPlugins()) body.plugin_resources = pluginResources().filter((p) => app || p.instance_ids.length > 0);
      const saved = app ? await patch(`/apps/${app.id}`, body) : await post('/apps', body);
      navigate(`/apps/${saved.id}`);
    });
  };

  const resourceItems = (list) =>
    list.map((r) => ({
      id: r.id,
      label: r.vendor ? `${r.name} (${r.vendor})` : r.name,
      hint: `privacy ${r.privacy_score}${r.is_active ? '' : ' · inactive'}`,
      disabled: !r.is_active,
    }));

  return (
    <form class="form app-form" onSubmit={submit} aria-label={app ? 'Edit App' : 'New App'} novalidate>
      <section class="card">
        <h2>About</h2>
        <TextField label="Name" value={form.name} onInput={set('name')} required />
        <TextField label="Description" value={form.description} onInput={set('description')} textarea />
        {app && <Toggle label="Active" checked={form.is_active} onChange={set('is_active')} hint="An inactive App's tokens are refused at once." />}
        {!app && user.is_admin && (
          <TextField label="Owner email" value={form.owner_email} onInput={set('owner_email')} hint="Empty: you own it." />
        )}
      </section>
      <section class="card">
        <h2>LLMs, datasources and tools</h2>
        <p class="muted">
          {user.is_admin ? 'All resources are listed.' : 'Only what your groups’ catalogues grant you is listed.'} Privacy rule:
          no datasource or scored plugin resource may exceed the highest privacy score of the App’s LLMs
          {maxLlm !== null ? ` (now ${maxLlm})` : ' (with no LLM, none may be attached)'}.
        </p>
        <div class="columns">
          <CheckList label="LLMs" name="llm_ids" items={resourceItems(data.llms)} selected={form.llm_ids} onChange={set('llm_ids')} emptyText="No LLMs are available to you." />
          <CheckList
            label="Datasources"
            name="datasource_ids"
            items={resourceItems(data.datasources)}
            selected={form.datasource_ids}
            onChange={set('datasource_ids')}
            emptyText="No datasources are available to you."
          />
          <CheckList label="Tools" name="tool_ids" items={resourceItems(data.tools)} selected={form.tool_ids} onChange={set('tool_ids')} emptyText="No tools are available to you." />
        </div>
      </section>
      <section class="card">
        <h2>Plugin resources</h2>
        {data.types.length === 0 ? (
          <p class="empty">No plugin provides resource types right now.</p>
        ) : (
          data.types.map((t) => (
            <PluginResourceField
              key={t.id}
              type={t}
              appId={app?.id}
              mode={mode}
              maxLlm={maxLlm}
              selected={pluginSel[typeKey(t.plugin_id, t.slug)] || []}
              onChange={(ids) => setPluginSel((s) => ({ ...s, [typeKey(t.plugin_id, t.slug)]: ids }))}
            />
          ))
        )}
      </section>
      <details class="card">
        <summary>Advanced: budget, rate limit, metadata</summary>
        <NumberField label="Monthly budget" value={form.monthly_budget} onInput={set('monthly_budget')} min={0} />
        <NumberField label="Rate limit" value={form.rate_limit} onInput={set('rate_limit')} min={0} hint="0: none" />
        <KeyValueEditor label="Metadata" value={form.metadata} onChange={set('metadata')} />
      </details>
      <div ref={errorRef}>
        <ErrorMessage error={action.error} title={app ? 'The App was not saved' : 'The App was not created'} />
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : app ? 'Save App' : 'Create App'}
        </button>
        <a class="button" href={app ? `#/apps/${app.id}` : '#/apps'}>
          Cancel
        </a>
      </div>
    </form>
  );
}

function normalise(sel) {
  return Object.keys(sel)
    .sort()
    .filter((k) => (sel[k] || []).length > 0)
    .map((k) => [k, [...sel[k]].sort()]);
}

export function AppFormPage({ id }) {
  const data = useLoad(() => loadForm(id), [id]);
  return (
    <div>
      <PageHeader title={id ? 'Edit App' : 'New App'} />
      <Async state={data} what="the form">
        {(d) => <AppForm key={id || 'new'} data={d} id={id} />}
      </Async>
    </div>
  );
}
