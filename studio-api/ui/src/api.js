// Every call the UI makes: same origin, the session cookie, and X-AIGW-UI (the control plane's
// CSRF guard for cookie-authenticated writes). Errors carry the API's own message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const listeners = new Set();

/** Called with the message when the API answers 401: the session is gone. */
export function onSessionLost(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json', 'X-AIGW-UI': '1' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, init);
  } catch (e) {
    throw new ApiError(0, 'The control plane cannot be reached (' + e.message + ')');
  }
  if (res.status === 204) {
    return null;
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message = data && typeof data.error === 'string' ? data.error : `HTTP ${res.status} ${res.statusText}`.trim();
    if (res.status === 401 && path !== '/session') {
      listeners.forEach((l) => l(message));
    }
    throw new ApiError(res.status, message);
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** A path segment of user or plugin origin, safe in a URL path. */
export const seg = (value) => encodeURIComponent(String(value));
