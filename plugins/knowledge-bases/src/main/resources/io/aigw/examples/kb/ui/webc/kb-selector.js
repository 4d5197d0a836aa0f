// <kb-selector>: the knowledge bases plugin's own picker for the App form (seed 003's Web
// Component contract). The platform loads this module from the plugin's assets, creates the element
// and gives it:
//   data-selected-ids  JSON array of the instance ids selected now
//   data-app-id        the App's id ("" while creating one)
//   data-mode          "create" or "edit"
//   pluginAPI          { call(method, payload), listInstances() }
// It answers every change of selection with a `selection-change` event whose detail is
// { selectedIds: [...] }. It lists only what listInstances() returns: the instances the signed-in
// user may use. Names and descriptions come from users (submissions), so they are only ever set as
// text, never parsed as HTML.

const TAG = 'kb-selector';

class KnowledgeBaseSelector extends HTMLElement {
  static get observedAttributes() {
    return ['data-selected-ids', 'data-app-id', 'data-mode'];
  }

  constructor() {
    super();
    this.instances = null; // null: not loaded yet
    this.selected = new Set();
    this.filter = '';
    this.maxPerApp = null;
    this.loadError = null;
    this.waitedForApi = 0;
  }

  connectedCallback() {
    this.selected = new Set(this.readSelectedIds());
    this.load();
  }

  attributeChangedCallback(name) {
    if (name === 'data-selected-ids') {
      // the platform's word wins: it may have dropped ids or restored a saved selection
      this.selected = new Set(this.readSelectedIds());
      this.syncChecks();
    }
  }

  readSelectedIds() {
    try {
      const ids = JSON.parse(this.getAttribute('data-selected-ids') || '[]');
      return Array.isArray(ids) ? ids.map(String) : [];
    } catch (e) {
      return [];
    }
  }

  async load() {
    if (!this.pluginAPI) {
      // the platform sets pluginAPI right after creating the element; give it a moment
      if (this.waitedForApi++ < 50) {
        setTimeout(() => this.load(), 20);
      } else {
        this.loadError = 'The page gave this selector no pluginAPI.';
        this.render();
      }
      return;
    }
    this.render();
    try {
      const answer = await this.pluginAPI.listInstances();
      const list = Array.isArray(answer) ? answer : (answer && Array.isArray(answer.data) ? answer.data : []);
      this.instances = list.filter((i) => i && i.is_active !== false);
      this.loadError = null;
    } catch (e) {
      this.instances = [];
      this.loadError = 'Could not load the knowledge bases: ' + ((e && e.message) || e);
    }
    try {
      const settings = await this.pluginAPI.call('settings', {});
      this.maxPerApp = settings && Number.isInteger(settings.max_per_app) ? settings.max_per_app : null;
    } catch (e) {
      this.maxPerApp = null; // only a hint; the platform checks the limit on save
    }
    this.render();
  }

  render() {
    const root = document.createElement('div');
    root.className = 'kb-selector';

    if (this.loadError) {
      const error = document.createElement('p');
      error.className = 'kb-selector-error';
      error.setAttribute('role', 'alert');
      error.textContent = this.loadError;
      root.append(error);
    }
    if (this.instances === null) {
      if (!this.loadError) {
        const loading = document.createElement('p');
        loading.className = 'kb-selector-loading';
        loading.textContent = 'Loading knowledge bases…';
        root.append(loading);
      }
      this.replaceChildren(root);
      return;
    }

    const search = document.createElement('input');
    search.type = 'search';
    search.className = 'kb-selector-search';
    search.placeholder = 'Search knowledge bases';
    search.setAttribute('aria-label', 'Search knowledge bases');
    search.value = this.filter;
    search.addEventListener('input', () => {
      this.filter = search.value;
      this.applyFilter();
    });
    root.append(search);

    const hint = document.createElement('p');
    hint.className = 'kb-selector-hint';
    root.append(hint);

    const list = document.createElement('ul');
    list.className = 'kb-selector-list';
    list.setAttribute('role', 'group');
    list.setAttribute('aria-label', 'Knowledge bases');
    if (this.instances.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'kb-selector-empty';
      empty.textContent = 'No knowledge base is available to you yet.';
      list.append(empty);
    }
    for (const instance of this.instances) {
      list.append(this.row(instance));
    }
    root.append(list);
    this.replaceChildren(root);
    this.applyFilter();
    this.syncChecks();
  }

  row(instance) {
    const id = String(instance.id);
    const item = document.createElement('li');
    item.className = 'kb-selector-item';
    item.dataset.instanceId = id;
    item.dataset.search = ((instance.name || '') + ' ' + (instance.description || '')).toLowerCase();

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
        detail: { selectedIds: this.orderedSelection() },
        bubbles: true,
        composed: true,
      }));
    });

    const name = document.createElement('span');
    name.className = 'kb-selector-name';
    name.textContent = instance.name || id;
    const score = document.createElement('span');
    score.className = 'kb-selector-score';
    score.textContent = 'Privacy ' + (Number.isInteger(instance.privacy_score) ? instance.privacy_score : '?');
    label.append(box, ' ', name, ' ', score);
    item.append(label);

    if (instance.description) {
      const description = document.createElement('div');
      description.className = 'kb-selector-description';
      description.textContent = instance.description;
      item.append(description);
    }
    return item;
  }

  /** The selection in list order, then ids the list does not show (kept, never dropped silently). */
  orderedSelection() {
    const shown = (this.instances || []).map((i) => String(i.id)).filter((id) => this.selected.has(id));
    const others = [...this.selected].filter((id) => !shown.includes(id));
    return [...shown, ...others];
  }

  syncChecks() {
    for (const box of this.querySelectorAll('input[type=checkbox]')) {
      box.checked = this.selected.has(box.value);
    }
    this.updateHint();
  }

  applyFilter() {
    const words = this.filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
    for (const item of this.querySelectorAll('.kb-selector-item')) {
      item.hidden = !words.every((w) => item.dataset.search.includes(w));
    }
  }

  updateHint() {
    const hint = this.querySelector('.kb-selector-hint');
    if (!hint) {
      return;
    }
    const count = this.selected.size;
    let text = count === 1 ? '1 selected' : count + ' selected';
    if (this.maxPerApp !== null) {
      text += ' (an App may hold at most ' + this.maxPerApp + ')';
    }
    hint.textContent = text;
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, KnowledgeBaseSelector);
}
