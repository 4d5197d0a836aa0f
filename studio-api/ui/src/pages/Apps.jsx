import { get } from '../api.js';
import { useSession } from '../session.js';
import { ActiveBadge, Async, Empty, PageHeader, formatTime, useLoad } from '../components/ui.jsx';

export function AppsPage() {
  const { user } = useSession();
  const list = useLoad(() => get('/apps'));
  return (
    <div>
      <PageHeader title={user.is_admin ? 'Apps (all)' : 'My Apps'}>
        <a class="button primary" href="#/apps/new">
          New App
        </a>
      </PageHeader>
      <Async state={list} what="Apps">
        {(apps) =>
          apps.length === 0 ? (
            <Empty>
              No Apps yet. An App bundles the LLMs, datasources, tools and plugin resources you may use, and gets
              tokens for the gateway. <a href="#/apps/new">Create one</a>.
            </Empty>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>Name</th>
                  {user.is_admin && <th>Owner</th>}
                  <th>Status</th>
                  <th>Resources</th>
                  <th>Updated</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {apps.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <a href={`#/apps/${a.id}`}>{a.name}</a>
                      <div class="muted small">{a.description}</div>
                    </td>
                    {user.is_admin && <td>{a.owner_email || '—'}</td>}
                    <td>
                      <ActiveBadge active={a.is_active} />
                    </td>
                    <td class="small">
                      {a.llm_ids.length} LLMs, {a.datasource_ids.length} datasources, {a.tool_ids.length} tools,{' '}
                      {a.plugin_resources.reduce((n, p) => n + p.instance_ids.length, 0)} plugin resources
                    </td>
                    <td>{formatTime(a.updated_at)}</td>
                    <td class="actions">
                      <a class="button" href={`#/apps/${a.id}`}>
                        Open
                      </a>
                      <a class="button" href={`#/apps/${a.id}/edit`}>
                        Edit
                      </a>
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
