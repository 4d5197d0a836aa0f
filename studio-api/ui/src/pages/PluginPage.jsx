import { get, seg } from '../api.js';
import { Async, ErrorMessage, PageHeader, useLoad } from '../components/ui.jsx';
import { PluginElement } from '../plugin/PluginElement.jsx';
import { adminPages, loadUiManifest } from './PluginDetail.jsx';

/** One of a plugin's own admin pages: its Web Component, given pluginAPI for its RPC calls. */
export function PluginPagePage({ id, page }) {
  const data = useLoad(async () => {
    const [plugin, manifest] = await Promise.all([get(`/plugins/${seg(id)}`), loadUiManifest(id)]);
    return { plugin, page: adminPages(manifest).find((p) => p.id === page) || null };
  }, [id, page]);
  return (
    <div>
      <PageHeader title={data.data?.page ? data.data.page.title : 'Plugin page'}>
        <a class="button" href={`#/admin/plugins/${id}`}>
          {data.data ? `Plugin: ${data.data.plugin.name}` : 'The plugin'}
        </a>
      </PageHeader>
      <Async state={data} what="the plugin's page">
        {(d) =>
          d.page ? (
            <section class="card plugin-page" aria-label={d.page.title}>
              <PluginElement
                pluginId={d.plugin.id}
                tag={d.page.tag}
                entryPoint={d.page.entry_point}
                attrs={{ 'data-plugin-id': String(d.plugin.id), 'data-mode': 'admin' }}
              />
            </section>
          ) : (
            <ErrorMessage error={`The plugin declares no page '${page}'.`} />
          )
        }
      </Async>
    </div>
  );
}
