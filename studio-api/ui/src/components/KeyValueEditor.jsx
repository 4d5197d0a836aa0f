import { useEffect, useRef, useState } from 'preact/hooks';

const toPairs = (map) => Object.entries(map || {}).map(([k, v]) => ({ k, v: String(v) }));

/** Edits a map of strings (plugin config, App metadata) as rows of key and value. */
export function KeyValueEditor({ label = 'Settings', value, onChange, keyLabel = 'Key', valueLabel = 'Value' }) {
  const [pairs, setPairs] = useState(() => toPairs(value));
  const emitted = useRef(value);
  useEffect(() => {
    // a new value from outside (another plugin loaded), not the echo of our own edit
    if (JSON.stringify(value || {}) !== JSON.stringify(emitted.current || {})) {
      setPairs(toPairs(value));
      emitted.current = value;
    }
  }, [value]);
  const update = (next) => {
    setPairs(next);
    const map = {};
    for (const { k, v } of next) {
      if (k.trim()) map[k.trim()] = v;
    }
    emitted.current = map;
    onChange(map);
  };
  const keys = pairs.map((p) => p.k.trim()).filter(Boolean);
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  return (
    <fieldset class="kv">
      <legend>{label}</legend>
      {pairs.length === 0 && <p class="empty">None.</p>}
      {pairs.map((p, i) => (
        <div class="kv-row" key={i}>
          <input
            aria-label={`${keyLabel} ${i + 1}`}
            placeholder={keyLabel}
            value={p.k}
            onInput={(e) => update(pairs.map((q, j) => (j === i ? { ...q, k: e.currentTarget.value } : q)))}
          />
          <input
            aria-label={`${valueLabel} of ${p.k || 'row ' + (i + 1)}`}
            placeholder={valueLabel}
            value={p.v}
            onInput={(e) => update(pairs.map((q, j) => (j === i ? { ...q, v: e.currentTarget.value } : q)))}
          />
          <button type="button" class="link" aria-label={`Remove ${p.k || 'row ' + (i + 1)}`} onClick={() => update(pairs.filter((_, j) => j !== i))}>
            remove
          </button>
        </div>
      ))}
      {dupes.length > 0 && <div class="error">Key '{dupes[0]}' is given twice; the last one wins.</div>}
      <button type="button" onClick={() => update([...pairs, { k: '', v: '' }])}>
        Add {keyLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
