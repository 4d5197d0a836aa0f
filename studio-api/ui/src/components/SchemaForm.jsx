import { useId } from './ui.jsx';
import { KeyValueEditor } from './KeyValueEditor.jsx';

// A form for a plugin's config map, drawn from the JSON Schema the plugin declares. Config values
// are strings on the wire (the API's config is a map of strings), so typed fields are written as
// their text: true/false, 42, 0.5. Keys the schema does not name stay editable below.

const textOf = (v) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

function SchemaField({ name, prop, required, value, onChange }) {
  const id = useId('cfg');
  const label = prop.title || name;
  const hint = [prop.description, required ? 'required' : null].filter(Boolean).join(' · ');
  const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
  const fallback = textOf(prop.default);
  const current = value !== undefined ? value : undefined;

  if (type === 'boolean') {
    const checked = (current ?? fallback ?? 'false') === 'true';
    return (
      <div class="field toggle">
        <label>
          <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.currentTarget.checked ? 'true' : 'false')} /> {label}
        </label>
        {hint && <small class="hint">{hint}</small>}
      </div>
    );
  }
  let control;
  if (Array.isArray(prop.enum)) {
    control = (
      <select id={id} name={name} value={current ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)}>
        <option value="">{fallback !== undefined ? `(default: ${fallback})` : '(not set)'}</option>
        {prop.enum.map((opt) => (
          <option key={String(opt)} value={textOf(opt)}>
            {textOf(opt)}
          </option>
        ))}
      </select>
    );
  } else if (type === 'integer' || type === 'number') {
    control = (
      <input
        id={id}
        name={name}
        type="number"
        step={type === 'integer' ? 1 : 'any'}
        min={prop.minimum}
        max={prop.maximum}
        placeholder={fallback}
        value={current ?? ''}
        onInput={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
      />
    );
  } else {
    const long = prop.format === 'textarea' || prop['x-multiline'] || (prop.maxLength || 0) > 200;
    const props = {
      id,
      name,
      placeholder: fallback,
      maxLength: prop.maxLength,
      value: current ?? '',
      onInput: (e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value),
    };
    control = long ? <textarea rows={5} {...props} /> : <input type="text" {...props} />;
  }
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {control}
      {hint && <small class="hint">{hint}</small>}
    </div>
  );
}

export function SchemaForm({ schema, value, onChange }) {
  const props = (schema && schema.properties) || {};
  const required = new Set(schema.required || []);
  const names = Object.keys(props);
  const extra = Object.fromEntries(Object.entries(value).filter(([k]) => !(k in props)));
  const setKey = (k, v) => {
    const next = { ...value };
    if (v === undefined) delete next[k];
    else next[k] = v;
    onChange(next);
  };
  return (
    <div class="schema-form">
      {schema.description && <p class="muted">{schema.description}</p>}
      {names.map((n) => (
        <SchemaField key={n} name={n} prop={props[n] || {}} required={required.has(n)} value={value[n]} onChange={(v) => setKey(n, v)} />
      ))}
      {(schema.additionalProperties !== false || Object.keys(extra).length > 0) && (
        <KeyValueEditor
          label={schema.additionalProperties === false ? 'Keys the schema does not allow (remove them)' : 'Other settings'}
          value={extra}
          onChange={(m) => {
            const next = Object.fromEntries(Object.entries(value).filter(([k]) => k in props));
            onChange({ ...next, ...m });
          }}
        />
      )}
    </div>
  );
}
