// <mcp-admin-page>: the MCP registry's page in the admin UI (its UI manifest's admin_pages). The
// platform loads this module from the plugin's assets, creates the element and gives it
// `pluginAPI` ({ call(method, payload) }). It lists every registered server and adds, edits,
// deactivates and activates them through the plugin's admin-only RPC methods. A server's upstream
// secret is write-only: the page can set or replace it, never read it. Everything is set as text,
// never parsed as HTML.

const TAG = 'mcp-admin-page';

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

class McpAdminPage extends HTMLElement {
  constructor() {
    super();
    this.apiWaits = 0;
    this.servers = null;
    this.editing = null; // the server being edited, or null for a new one
    this.message = null;
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    if (!this.pluginAPI) {
      if (this.apiWaits++ < 50) {
        setTimeout(() => this.load(), 20);
      } else {
        this.replaceChildren(this.note('The page gave this view no pluginAPI.', 'error'));
      }
      return;
    }
    if (this.servers === null) {
      this.replaceChildren(this.note('Loading…', 'loading'));
    }
    try {
      const answer = await this.pluginAPI.call('servers', {});
      this.servers = (answer && Array.isArray(answer.servers)) ? answer.servers : [];
      this.render();
    } catch (e) {
      this.replaceChildren(this.note('Could not load the MCP servers: ' + ((e && e.message) || e), 'error'));
    }
  }

  note(text, kind) {
    const p = el('p', { className: 'mcp-admin-' + kind, textContent: text });
    if (kind === 'error') {
      p.setAttribute('role', 'alert');
    }
    return p;
  }

  render() {
    const box = el('section', { className: 'mcp-admin' }, el('h3', { textContent: 'MCP servers' }));
    if (this.message) {
      box.append(this.note(this.message.text, this.message.kind));
    }
    if (this.servers.length === 0) {
      box.append(this.note('No MCP server is registered yet.', 'empty'));
    } else {
      const table = el('table', { className: 'mcp-admin-servers' });
      const head = el('tr');
      for (const title of ['Name', 'URL', 'Prefix', 'Privacy', 'Upstream auth', 'State', '']) {
        head.append(el('th', { scope: 'col', textContent: title }));
      }
      table.append(el('thead', {}, head));
      const body = el('tbody');
      for (const s of this.servers) {
        body.append(this.row(s));
      }
      table.append(body);
      box.append(table);
    }
    box.append(this.form());
    box.append(this.note('Apps keep a copy of each server they hold, and gateways use that copy: a change '
      + 'reaches them when an App is saved or when the plugin next starts serving (reload it on its '
      + 'plugin page to publish changes at once).', 'hint'));
    this.replaceChildren(box);
  }

  row(s) {
    const tr = el('tr', { className: 'mcp-admin-server' });
    tr.dataset.serverId = s.id;
    const auth = s.auth && s.auth.type === 'header'
      ? s.auth.header_name + (s.auth.has_secret ? ' (secret set)' : ' (no secret)')
      : 'none';
    const name = el('td', {}, el('strong', { textContent: s.name }));
    if (s.description) {
      name.append(el('div', { className: 'mcp-admin-description', textContent: s.description }));
    }
    tr.append(name, el('td', { textContent: s.url }), el('td', { textContent: s.prefix }),
      el('td', { textContent: String(s.privacy_score) }), el('td', { textContent: auth }),
      el('td', { className: 'mcp-admin-state', textContent: s.is_active ? 'active' : 'inactive' }));
    const edit = el('button', { type: 'button', textContent: 'Edit' });
    edit.addEventListener('click', () => {
      this.editing = s;
      this.message = null;
      this.render();
      const first = this.querySelector('form input');
      if (first) {
        first.focus();
      }
    });
    const toggle = el('button', { type: 'button', textContent: s.is_active ? 'Deactivate' : 'Activate' });
    toggle.addEventListener('click', () => this.act(s.is_active ? 'deactivate' : 'activate', { id: s.id },
      (s.is_active ? 'Deactivated ' : 'Activated ') + s.name + '.'));
    tr.append(el('td', {}, edit, ' ', toggle));
    return tr;
  }

  form() {
    const s = this.editing;
    const field = (label, input) => el('label', { className: 'mcp-admin-field' }, label + ' ', input);
    const name = el('input', { name: 'name', required: true, maxLength: 200, value: s ? s.name : '' });
    const url = el('input', { name: 'url', type: 'url', required: true, value: s ? s.url : '',
      placeholder: 'https://mcp.example.com/mcp' });
    const description = el('textarea', { name: 'description', maxLength: 2000, value: s ? s.description : '' });
    const score = el('input', { name: 'privacy_score', type: 'number', min: 0, max: 100, step: 1, required: true,
      value: s ? String(s.privacy_score) : '' });
    const prefix = el('input', { name: 'prefix', maxLength: 16, value: s ? s.prefix : '',
      placeholder: 'from the name' });
    const authType = el('select', { name: 'auth_type' },
      el('option', { value: 'none', textContent: 'none' }),
      el('option', { value: 'header', textContent: 'static header' }));
    authType.value = s && s.auth && s.auth.type === 'header' ? 'header' : 'none';
    const header = el('input', { name: 'header_name', value: s && s.auth && s.auth.header_name
      ? s.auth.header_name : 'Authorization' });
    const secret = el('input', { name: 'secret', type: 'password', autocomplete: 'new-password',
      placeholder: s && s.auth && s.auth.has_secret ? 'leave empty to keep the stored secret' : 'e.g. Bearer …' });
    const headerFields = el('div', { className: 'mcp-admin-auth' }, field('Header', header), field('Secret', secret));
    const syncAuth = () => { headerFields.hidden = authType.value !== 'header'; };
    authType.addEventListener('change', syncAuth);
    syncAuth();

    const submit = el('button', { type: 'submit', textContent: s ? 'Save changes' : 'Add server' });
    const form = el('form', { className: 'mcp-admin-form' },
      el('h4', { textContent: s ? 'Edit ' + s.name : 'Add an MCP server' }),
      field('Name', name), field('URL', url), field('Description', description),
      field('Privacy score', score), field('Prefix', prefix), field('Upstream auth', authType), headerFields,
      submit);
    if (s) {
      const cancel = el('button', { type: 'button', textContent: 'Cancel' });
      cancel.addEventListener('click', () => {
        this.editing = null;
        this.message = null;
        this.render();
      });
      form.append(' ', cancel);
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const payload = {
        name: name.value,
        url: url.value,
        description: description.value,
        privacy_score: score.value === '' ? null : Number(score.value),
      };
      if (prefix.value.trim() !== '') {
        payload.prefix = prefix.value.trim();
      } else if (s) {
        payload.prefix = null; // back to the default: a slug of the name
      }
      payload.auth = authType.value === 'header'
        ? { type: 'header', header_name: header.value, ...(secret.value ? { secret: secret.value } : {}) }
        : { type: 'none' };
      if (s) {
        this.act('edit', { id: s.id, ...payload }, 'Saved ' + payload.name + '.');
      } else {
        this.act('add', payload, 'Added ' + payload.name + '.');
      }
    });
    return form;
  }

  async act(method, payload, done) {
    try {
      await this.pluginAPI.call(method, payload);
      this.message = { text: done, kind: 'done' };
      this.editing = null;
    } catch (e) {
      // the plugin's own message, e.g. "'privacy_score' must be a whole number from 0 to 100"
      this.message = { text: (e && e.message) || String(e), kind: 'error' };
      if (method === 'add' || method === 'edit') {
        this.showFormError(this.message.text);
        return;
      }
    }
    await this.load();
  }

  showFormError(text) {
    const form = this.querySelector('form');
    const old = form && form.querySelector('.mcp-admin-error');
    if (old) {
      old.remove();
    }
    if (form) {
      form.prepend(this.note(text, 'error'));
    }
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, McpAdminPage);
}
