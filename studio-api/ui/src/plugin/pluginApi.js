import { get, post, seg } from '../api.js';

/** The URL of one of a plugin's UI assets; each path segment encoded, '..' never produced. */
export function assetUrl(pluginId, path) {
  const parts = String(path).replace(/^\/+/, '').split('/').filter((p) => p !== '' && p !== '.');
  return `/api/v1/plugins/${seg(pluginId)}/ui/assets/${parts.map(seg).join('/')}`;
}

/**
 * What a plugin's Web Component gets as its pluginAPI (seed 003):
 * call(method, payload) → the plugin's HandleRPC through the control plane (the caller's identity
 * attached there), listInstances() → the type's instances the signed-in user may access.
 * listInstances answers an array that also has itself as .data, so components written either as
 * `instances.map(...)` or, like the seed's example, `instances.data.map(...)` work.
 */
export function pluginApiFor(pluginId, typeId) {
  return Object.freeze({
    call: (method, payload) => post(`/plugins/${seg(pluginId)}/ui/rpc/${seg(method)}`, payload === undefined ? {} : payload),
    listInstances: async () => {
      if (typeId === undefined || typeId === null) {
        throw new Error('listInstances() is only available to resource selectors');
      }
      const list = await get(`/plugin-resource-types/${seg(typeId)}/instances`);
      Object.defineProperty(list, 'data', { value: list, enumerable: false });
      return list;
    },
  });
}

const loading = new Map();

/** Imports a plugin's module once per URL; CSP script-src 'self' allows it (same origin). */
export function loadModule(url) {
  if (!loading.has(url)) {
    const p = import(/* @vite-ignore */ url);
    p.catch(() => loading.delete(url));
    loading.set(url, p);
  }
  return loading.get(url);
}

export function whenDefined(tag, ms = 10000) {
  return Promise.race([
    customElements.whenDefined(tag),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`the plugin's module did not define <${tag}>`)), ms),
    ),
  ]);
}

/** A custom element name as the HTML standard allows it (lower case, with a hyphen). */
export const validTag = (tag) => typeof tag === 'string' && /^[a-z][a-z0-9._-]*-[a-z0-9._-]*$/.test(tag);
