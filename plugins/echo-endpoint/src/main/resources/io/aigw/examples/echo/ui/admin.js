// <echo-admin-page>: the echo plugin's page in the admin UI (its UI manifest's admin_pages). The
// platform loads this module from the plugin's assets, creates the element and gives it `pluginAPI`
// ({ call(method, payload) }). It shows the plugin's state through the admin-only `status` RPC
// method; the content it serves is changed in the plugin's config form (from its config schema).

const TAG = 'echo-admin-page';

class EchoAdminPage extends HTMLElement {
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
        this.message('The page gave this view no pluginAPI.', true);
      }
      return;
    }
    this.message('Loading…', false);
    try {
      this.render(await this.pluginAPI.call('status', {}));
    } catch (e) {
      this.message('Could not load the echo plugin\'s status: ' + ((e && e.message) || e), true);
    }
  }

  render(status) {
    const box = document.createElement('section');
    box.className = 'echo-admin';
    const title = document.createElement('h3');
    title.textContent = 'Echo plugin';
    box.append(title);
    const list = document.createElement('dl');
    const rows = [
      ['Served under', status.slug ? '/plugins/' + status.slug + '/' : '(no slug: nothing is served)'],
      ['Public content', status.custom_content],
      ['Diagnostic switches', status.diagnostics ? 'on' : 'off'],
      ['Version', status.plugin_version],
      ['Streams completed', status.streams_completed],
      ['Streams abandoned by clients', status.streams_cancelled],
    ];
    for (const [name, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = value === undefined || value === null ? '–' : String(value);
      dd.dataset.field = name;
      list.append(dt, dd);
    }
    box.append(list);
    this.replaceChildren(box);
  }

  message(text, isError) {
    const p = document.createElement('p');
    p.className = isError ? 'echo-admin-error' : 'echo-admin-loading';
    if (isError) {
      p.setAttribute('role', 'alert');
    }
    p.textContent = text;
    this.replaceChildren(p);
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, EchoAdminPage);
}
