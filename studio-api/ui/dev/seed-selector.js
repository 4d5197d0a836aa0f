// Development only: a selector written like seed 003's example (light DOM checkboxes, re-rendered
// on attribute changes, instances read as `.data`), served by dev-session.js as the knowledge
// bases' form_component when AIGW_DEV_FAKE_COMPONENT=1, to exercise the platform side of the
// Web Component contract before a plugin ships one.
class SeedSelector extends HTMLElement {
  connectedCallback() {
    this.render();
    new MutationObserver(() => this.render()).observe(this, { attributes: true });
  }

  async render() {
    const selectedIds = JSON.parse(this.getAttribute('data-selected-ids') || '[]');
    const instances = await this.pluginAPI.listInstances();
    this.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'seed-selector';
    for (const inst of instances.data) {
      const label = document.createElement('label');
      label.style.display = 'block';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = inst.id;
      input.checked = selectedIds.includes(inst.id);
      label.append(input, ` ${inst.name} (Privacy: ${inst.privacy_score})`);
      box.append(label);
    }
    this.append(box);
    this.querySelectorAll('input').forEach((input) => {
      input.addEventListener('change', () => {
        const selected = [...this.querySelectorAll('input:checked')].map((el) => el.value);
        this.dispatchEvent(new CustomEvent('selection-change', { detail: { selectedIds: selected } }));
      });
    });
  }
}

customElements.define('seed-kb-selector', SeedSelector);
