import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Component } from 'preact';

/**
 * Loads with fn() when deps change; reload() loads again keeping what is shown meanwhile, so a
 * page never blanks while it refreshes.
 */
export function useLoad(fn, deps = []) {
  const [state, setState] = useState({ loading: true, data: undefined, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(fn)
      .then(
        (data) => live && setState({ loading: false, data, error: null }),
        (e) => live && setState({ loading: false, data: undefined, error: e.message || String(e) }),
      );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Runs an action, exposing busy and error states; the API's message becomes the error. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = useCallback(async (fn) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e.message || String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export function Loading({ what = 'Loading' }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function ErrorMessage({ error, title }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      {title && <strong>{title}: </strong>}
      {error}
    </div>
  );
}

export function Notice({ children, kind = 'ok', onClose }) {
  if (!children) return null;
  return (
    <div class={'notice ' + kind} role="status">
      <div class="notice-body">{children}</div>
      {onClose && (
        <button type="button" class="link" onClick={onClose} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

export function Empty({ children }) {
  return <p class="empty">{children}</p>;
}

/** Renders loading / error / the children function with the data; never nothing. */
export function Async({ state, what, children }) {
  if (state.error) {
    return (
      <div>
        <ErrorMessage error={state.error} />
        <button type="button" onClick={state.reload}>
          Try again
        </button>
      </div>
    );
  }
  if (state.data === undefined) {
    return <Loading what={what ? 'Loading ' + what : 'Loading'} />;
  }
  return children(state.data);
}

export function PageHeader({ title, children }) {
  return (
    <div class="page-header">
      <h1>{title}</h1>
      <div class="page-actions">{children}</div>
    </div>
  );
}

export function Field({ label, hint, children, id }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && <small class="hint">{hint}</small>}
    </div>
  );
}

let idCounter = 0;
export function useId(prefix = 'f') {
  const ref = useRef(null);
  if (ref.current === null) {
    ref.current = `${prefix}-${++idCounter}`;
  }
  return ref.current;
}

export function TextField({ label, value, onInput, hint, type = 'text', required, placeholder, textarea, ...rest }) {
  const id = useId();
  const props = {
    id,
    value: value ?? '',
    onInput: (e) => onInput(e.currentTarget.value),
    required,
    placeholder,
    ...rest,
  };
  return (
    <Field label={label} hint={hint} id={id}>
      {textarea ? <textarea rows={4} {...props} /> : <input type={type} {...props} />}
    </Field>
  );
}

export function NumberField({ label, value, onInput, min, max, hint, required }) {
  const id = useId();
  return (
    <Field label={label} hint={hint} id={id}>
      <input
        id={id}
        type="number"
        value={value ?? ''}
        min={min}
        max={max}
        required={required}
        onInput={(e) => onInput(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
      />
    </Field>
  );
}

export function Toggle({ label, checked, onChange, hint }) {
  return (
    <div class="field toggle">
      <label>
        <input type="checkbox" checked={!!checked} onChange={(e) => onChange(e.currentTarget.checked)} /> {label}
      </label>
      {hint && <small class="hint">{hint}</small>}
    </div>
  );
}

/**
 * A multi-select as a list of checkboxes (searchable when long). items: [{id, label, hint,
 * disabled}]; selected: ids. Selected ids missing from items stay listed, so a save never drops
 * what the user cannot see.
 */
export function CheckList({ label, items, selected, onChange, emptyText = 'Nothing to choose from.', name }) {
  const [filter, setFilter] = useState('');
  const known = new Set(items.map((i) => String(i.id)));
  const extra = selected
    .filter((id) => !known.has(String(id)))
    .map((id) => ({ id, label: `${id}`, hint: 'not visible to you; kept as it is', disabled: false }));
  const all = [...items, ...extra];
  const f = filter.trim().toLowerCase();
  const shown = f
    ? all.filter((i) => `${i.label} ${i.hint || ''}`.toLowerCase().includes(f))
    : all;
  const isSelected = (id) => selected.some((s) => String(s) === String(id));
  const toggle = (id, on) => {
    const rest = selected.filter((s) => String(s) !== String(id));
    onChange(on ? [...rest, id] : rest);
  };
  return (
    <fieldset class="checklist" data-name={name}>
      <legend>
        {label} <span class="count">({selected.length} selected)</span>
      </legend>
      {all.length > 8 && (
        <input
          type="search"
          class="checklist-filter"
          placeholder="Filter…"
          aria-label={'Filter ' + label}
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      )}
      {all.length === 0 && <Empty>{emptyText}</Empty>}
      <div class="checklist-items">
        {shown.map((i) => (
          <label key={i.id} class={i.disabled ? 'disabled' : ''}>
            <input
              type="checkbox"
              value={String(i.id)}
              checked={isSelected(i.id)}
              disabled={i.disabled && !isSelected(i.id)}
              onChange={(e) => toggle(i.id, e.currentTarget.checked)}
            />
            <span class="item-label">{i.label}</span>
            {i.hint && <small class="hint"> {i.hint}</small>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Badge({ kind = 'neutral', children }) {
  return <span class={'badge ' + kind}>{children}</span>;
}

export function StateBadge({ state }) {
  const kind =
    state === 'serving' || state === 'running' || state === 'loaded'
      ? 'ok'
      : state === 'failed' || state === 'unhealthy'
        ? 'bad'
        : state === 'restarting' || state === 'starting' || state === 'loading'
          ? 'warn'
          : 'neutral';
  return <Badge kind={kind}>{state || 'unknown'}</Badge>;
}

export function ActiveBadge({ active }) {
  return active ? <Badge kind="ok">active</Badge> : <Badge>inactive</Badge>;
}

/** A button that asks once more before doing something that cannot be undone. */
export function ConfirmButton({ children, confirm, onConfirm, class: cls = 'danger', disabled }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class={cls} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span class="confirm">
      <span>{confirm}</span>
      <button
        type="button"
        class="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        No
      </button>
    </span>
  );
}

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

/** Shows a secret once, with a copy button, and a warning that it will not be shown again. */
export function SecretOnce({ title, value, onDone }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret" role="region" aria-label={title}>
      <strong>{title}</strong>
      <p>Copy it now: it is stored only as a hash and will not be shown again.</p>
      <code class="secret-value" data-testid="secret-value">
        {value}
      </code>
      <div class="row">
        <button
          type="button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            Done
          </button>
        )}
      </div>
    </div>
  );
}

/** A page that throws while rendering shows what went wrong instead of a blank screen. */
export class ErrorBoundary extends Component {
  constructor(props) {
    super(props);
    this.state = { error: null };
  }

  componentDidCatch(error) {
    this.setState({ error });
  }

  render() {
    if (this.state.error) {
      return (
        <div>
          <ErrorMessage title="This page failed" error={String(this.state.error?.message || this.state.error)} />
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
