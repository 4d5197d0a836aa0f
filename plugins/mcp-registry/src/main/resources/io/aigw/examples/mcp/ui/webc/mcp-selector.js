// <mcp-server-selector>: the MCP registry's picker for the App form (seed 003's Web Component
// contract). The platform loads this module from the plugin's assets, creates the element and
// gives it:
//   data-selected-ids  JSON array of the server ids selected now
//   data-app-id        the App's id ("" while creating one)
//   data-mode          "create" or "edit"
//   pluginAPI          { call(method, payload), listInstances() }
// Every change of selection is answered with a `selection-change` event, detail
// { selectedIds: [...] }. Only what listInstances() returns is offered: the servers the signed-in
// user may use. Names and descriptions may come from users' submissions, so they are only ever set
// as text, never parsed as HTML.

const TAG = 'mcp-server-selector';

function prefixOf(instance) {
  try {
    const metadata = typeof instance.metadata === 'string' ? JSON.parse(instance.metadata) : instance.metadata;
    return metadata && typeof metadata.prefix === 'string' ? metadata.prefix : '';
  } catch (e) {
    return '';
  }
}

class McpServerSelector extends HTMLElement {
  static get observedAttributes() {
    return ['data-selected-ids', 'data-app-id', 'data-mode'];
  }

  constructor() {
    super();
    this.servers = null; // null: not loaded yet
    this.selected = new Set();
    this.query = '';
    this.maxServers = null;
    this.error = null;
    this.apiWaits = 0;
  }

  connectedCallback() {
    this.selected = new Set(this.selectedIdsAttribute());
    this.load();
  }

  attributeChangedCallback(name) {
    if (name === 'data-selected-ids') {
      // the platform's selection wins: it may restore a saved one or drop ids
      this.selected = new Set(this.selectedIdsAttribute());
      this.syncBoxes();
    }
  }

  selectedIdsAttribute() {
    try {
      const ids = JSON.parse(this.getAttribute('data-selected-ids') || '[]');
      return Array.isArray(ids) ? ids.map(String) : [];
    } catch (e) {
      return [];
    }
  }

  async load() {
    if (!this.pluginAPI) {
      // pluginAPI is set right after the element is created; wait a little for it
      if (this.apiWaits++ < 50) {
        setTimeout(() => this.load(), 20);
      } else {
        this.error = 'The page gave this selector no pluginAPI.';
        this.render();
      }
      return;
    }
    this.render();
    try {
      const answer = await this.pluginAPI.listInstances();
      const list = Array.isArray(answer) ? answer : (answer && Array.isArray(answer.data) ? answer.data : []);
      this.servers = list.filter((s) => s && s.is_active !== false);
      this.error = null;
    } catch (e) {
      this.servers = [];
      this.error = 'Could not load the MCP servers: ' + ((e && e.message) || e);
    }
    try {
      const settings = await this.pluginAPI.call('settings', {});
      this.maxServers = settings && Number.isInteger(settings.max_servers_per_app) ? settings.max_servers_per_app : null;
    } catch (e) {
      this.maxServers = null; // a hint only: the platform enforces the limit when the App is saved
    }
    this.render();
  }

  render() {
    const root = document.createElement('div');
    root.className = 'mcp-selector';
    if (this.error) {
      const p = document.createElement('p');
      p.className = 'mcp-selector-error';
      p.setAttribute('role', 'alert');
      p.textContent = this.error;
      root.append(p);
    }
    if (this.servers === null) {
      if (!this.error) {
        const p = document.createElement('p');
        p.className = 'mcp-selector-loading';
        p.textContent = 'Loading MCP servers…';
        root.append(p);
      }
      this.replaceChildren(root);
      return;
    }

    const search = document.createElement('input');
    search.type = 'search';
    search.className = 'mcp-selector-search';
    search.placeholder = 'Search MCP servers';
    search.setAttribute('aria-label', 'Search MCP servers');
    search.value = this.query;
    search.addEventListener('input', () => {
      this.query = search.value;
      this.filterRows();
    });
    root.append(search);

    const hint = document.createElement('p');
    hint.className = 'mcp-selector-hint';
    root.append(hint);

    const list = document.createElement('ul');
    list.className = 'mcp-selector-list';
    list.setAttribute('role', 'group');
    list.setAttribute('aria-label', 'MCP servers');
    if (this.servers.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'mcp-selector-empty';
      empty.textContent = 'No MCP server is available to you yet.';
      list.append(empty);
    }
    for (const server of this.servers) {
      list.append(this.row(server));
    }
    const none = document.createElement('li');
    none.className = 'mcp-selector-no-match';
    none.textContent = 'No MCP server matches the search.';
    none.hidden = true;
    list.append(none);
    root.append(list);
    this.replaceChildren(root);
    this.filterRows();
    this.syncBoxes();
  }

  row(server) {
    const id = String(server.id);
    const prefix = prefixOf(server);
    const item = document.createElement('li');
    item.className = 'mcp-selector-item';
    item.dataset.instanceId = id;
    item.dataset.search = [server.name || '', server.description || '', prefix].join(' ').toLowerCase();

    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = id;
    box.dataset.instanceId = id;
    box.addEventListener('change', () => {
      if (box.checked) {
        this.selected.add(id);
      } else {
        this.selected.delete(id);
      }
      this.updateHint();
      this.dispatchEvent(new CustomEvent('selection-change', {
        detail: { selectedIds: this.selection() },
        bubbles: true,
        composed: true,
      }));
    });
    const name = document.createElement('span');
    name.className = 'mcp-selector-name';
    name.textContent = server.name || id;
    const score = document.createElement('span');
    score.className = 'mcp-selector-score';
    score.textContent = 'Privacy ' + (Number.isInteger(server.privacy_score) ? server.privacy_score : '?');
    label.append(box, ' ', name, ' ', score);
    if (prefix) {
      const tools = document.createElement('span');
      tools.className = 'mcp-selector-prefix';
      tools.textContent = ' tools as ' + prefix + '__…';
      label.append(tools);
    }
    item.append(label);
    if (server.description) {
      const description = document.createElement('div');
      description.className = 'mcp-selector-description';
      description.textContent = server.description;
      item.append(description);
    }
    return item;
  }

  /** The selection in list order, then ids the list does not show (kept, never dropped silently). */
  selection() {
    const shown = (this.servers || []).map((s) => String(s.id)).filter((id) => this.selected.has(id));
    return [...shown, ...[...this.selected].filter((id) => !shown.includes(id))];
  }

  syncBoxes() {
    for (const box of this.querySelectorAll('input[type=checkbox]')) {
      box.checked = this.selected.has(box.value);
    }
    this.updateHint();
  }

  filterRows() {
    const words = this.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of this.querySelectorAll('.mcp-selector-item')) {
      item.hidden = !words.every((w) => item.dataset.search.includes(w));
      shown += item.hidden ? 0 : 1;
    }
    const none = this.querySelector('.mcp-selector-no-match');
    if (none) {
      none.hidden = shown > 0 || (this.servers || []).length === 0;
    }
  }

  updateHint() {
    const hint = this.querySelector('.mcp-selector-hint');
    if (!hint) {
      return;
    }
    const n = this.selected.size;
    let text = n === 1 ? '1 server selected' : n + ' servers selected';
    if (this.maxServers !== null) {
      text += ' (an App may hold at most ' + this.maxServers + ')';
    }
    hint.textContent = text;
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, McpServerSelector);
}
