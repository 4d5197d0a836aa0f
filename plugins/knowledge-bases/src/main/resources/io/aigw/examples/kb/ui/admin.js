// <kb-admin-page>: the knowledge bases plugin's page in the admin UI (its UI manifest's
// admin_pages). The platform loads this module from the plugin's assets, creates the element and
// gives it `pluginAPI` ({ call(method, payload) }). It shows what the plugin keeps, through the
// admin-only `stats` RPC method; everything is set as text, never parsed as HTML.

const TAG = 'kb-admin-page';

class KnowledgeBasesAdminPage extends HTMLElement {
  constructor() {
    super();
    this.waitedForApi = 0;
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    if (!this.pluginAPI) {
      if (this.waitedForApi++ < 50) {
        setTimeout(() => this.load(), 20);
      } else {
        this.show(this.paragraph('The page gave this view no pluginAPI.', 'kb-admin-error'));
      }
      return;
    }
    this.show(this.paragraph('Loading…', 'kb-admin-loading'));
    try {
      const stats = await this.pluginAPI.call('stats', {});
      this.show(this.table(stats));
    } catch (e) {
      this.show(this.paragraph('Could not load the statistics: ' + ((e && e.message) || e), 'kb-admin-error'));
    }
  }

  table(stats) {
    const box = document.createElement('section');
    box.className = 'kb-admin';
    const title = document.createElement('h3');
    title.textContent = 'Knowledge Bases plugin';
    box.append(title);
    const table = document.createElement('table');
    const rows = [
      ['Knowledge bases', stats.instances && stats.instances.knowledge_bases],
      ['Glossaries', stats.instances && stats.instances.glossaries],
      ['Most per App', stats.max_per_app],
      ['Default region', stats.default_region],
    ];
    for (const [name, value] of rows) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = name;
      const td = document.createElement('td');
      td.textContent = value === undefined || value === null ? '–' : String(value);
      td.dataset.stat = name;
      tr.append(th, td);
      table.append(tr);
    }
    box.append(table);
    const note = document.createElement('p');
    note.textContent = 'Change the limits in the plugin\'s configuration; create knowledge bases from the '
      + 'resource type\'s instances or approve users\' submissions.';
    box.append(note);
    return box;
  }

  paragraph(text, className) {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    if (className.endsWith('error')) {
      p.setAttribute('role', 'alert');
    }
    return p;
  }

  show(node) {
    this.replaceChildren(node);
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, KnowledgeBasesAdminPage);
}
