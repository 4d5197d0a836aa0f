import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../components/ui.jsx';
import { assetUrl, loadModule, pluginApiFor, validTag, whenDefined } from './pluginApi.js';

/**
 * Mounts a plugin's Web Component: loads its module from the plugin's assets, creates the element
 * with pluginAPI set before it is connected (its connectedCallback may use it at once), sets the
 * data-* attributes, and forwards the events named in `events`. Attributes are updated in place
 * when they change, and only then, so a component observing its attributes is not re-rendered by
 * an echo of its own event.
 */
export function PluginElement({ pluginId, tag, entryPoint, typeId, attrs, events = {}, fallback }) {
  const host = useRef(null);
  const element = useRef(null);
  const handlers = useRef(events);
  handlers.current = events;
  const [state, setState] = useState({ loading: true, error: null });

  useEffect(() => {
    let el = null;
    let cancelled = false;
    setState({ loading: true, error: null });
    (async () => {
      if (!validTag(tag)) {
        throw new Error(`'${tag}' is not a valid custom element name`);
      }
      await loadModule(assetUrl(pluginId, entryPoint));
      await whenDefined(tag);
      if (cancelled) return;
      el = document.createElement(tag);
      el.pluginAPI = pluginApiFor(pluginId, typeId);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      for (const name of Object.keys(handlers.current)) {
        el.addEventListener(name, (e) => handlers.current[name]?.(e));
      }
      host.current.appendChild(el);
      element.current = el;
      setState({ loading: false, error: null });
    })().catch((e) => {
      if (!cancelled) setState({ loading: false, error: `The plugin's component could not be loaded: ${e.message}` });
    });
    return () => {
      cancelled = true;
      el?.remove();
      element.current = null;
    };
  }, [pluginId, tag, entryPoint, typeId]);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (el.getAttribute(k) !== v) el.setAttribute(k, v);
    }
  });

  return (
    <div class="plugin-element">
      {state.loading && <Loading what="Loading the plugin's component" />}
      {state.error && (
        <>
          <ErrorMessage error={state.error} />
          {fallback}
        </>
      )}
      <div ref={host} />
    </div>
  );
}
