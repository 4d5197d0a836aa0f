// Development only (`npm run dev`, never in the build): lets the UI run against a control plane
// reached at AIGW_API (default http://127.0.0.1:8080) by playing the session endpoints of the
// UI contract in the dev server. The key given at sign-in is kept in this process's memory and
// sent upstream as a Bearer key; the browser only ever holds the random session cookie. When the
// control plane serves sessions itself, set AIGW_DEV_PASSTHROUGH=1 to forward everything as is.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const COOKIE = 'aigw_session';

export function devSession() {
  const upstream = (process.env.AIGW_API || 'http://127.0.0.1:8080').replace(/\/$/, '');
  const passthrough = process.env.AIGW_DEV_PASSTHROUGH === '1';
  const fakeComponent = process.env.AIGW_DEV_FAKE_COMPONENT === '1';
  const sessions = new Map();

  return {
    name: 'aigw-dev-session',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (!req.url.startsWith('/api/v1/')) {
          return next();
        }
        try {
          const body = await readBody(req);
          const sid = cookie(req, COOKIE);
          if (!passthrough && req.url === '/api/v1/session') {
            return await session(req, res, body, sid);
          }
          const headers = {};
          for (const [k, v] of Object.entries(req.headers)) {
            if (!['host', 'connection', 'content-length', 'accept-encoding'].includes(k)) {
              headers[k] = v;
            }
          }
          if (!passthrough) {
            delete headers.cookie;
            const key = sid && sessions.get(sid);
            if (key) {
              if (!['GET', 'HEAD'].includes(req.method) && req.headers['x-aigw-ui'] !== '1') {
                return send(res, 403, { error: 'forbidden: missing X-AIGW-UI header' });
              }
              headers.authorization = 'Bearer ' + key;
            }
          }
          if (fakeComponent && /^\/api\/v1\/plugins\/\d+\/ui\/assets\/dev\/seed-selector\.js(\?.*)?$/.test(req.url)) {
            res.setHeader('Content-Type', 'text/javascript');
            return res.end(readFileSync(new URL('./seed-selector.js', import.meta.url)));
          }
          const answer = await fetch(upstream + req.url, {
            method: req.method, headers, body: body.length ? body : undefined, redirect: 'manual',
          });
          res.statusCode = answer.status;
          answer.headers.forEach((v, k) => {
            if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) {
              res.setHeader(k, v);
            }
          });
          let bytes = Buffer.from(await answer.arrayBuffer());
          if (fakeComponent && answer.ok && /^\/api\/v1\/plugin-resource-types(\/\d+)?$/.test(req.url)) {
            const give = (t) => (t.slug === 'knowledge_bases' && !t.form_component
              ? { ...t, form_component: { tag: 'seed-kb-selector', entry_point: 'dev/seed-selector.js' } } : t);
            const json = JSON.parse(bytes.toString('utf8'));
            bytes = Buffer.from(JSON.stringify(Array.isArray(json) ? json.map(give) : give(json)));
          }
          res.end(bytes);
        } catch (e) {
          send(res, 502, { error: 'dev proxy: ' + e.message });
        }
      });

      async function session(req, res, body, sid) {
        if (req.method === 'DELETE') {
          if (sid) sessions.delete(sid);
          res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
          res.statusCode = 204;
          return res.end();
        }
        if (req.method !== 'POST') {
          return send(res, 405, { error: 'method not allowed' });
        }
        let key;
        try {
          key = JSON.parse(body.toString('utf8')).api_key;
        } catch {
          return send(res, 400, { error: 'body must be {"api_key": "..."}' });
        }
        const me = await fetch(upstream + '/api/v1/me', { headers: { authorization: 'Bearer ' + key } });
        const json = await me.json().catch(() => ({ error: 'bad answer' }));
        if (me.status !== 200) {
          return send(res, me.status, json);
        }
        const id = randomBytes(32).toString('base64url');
        sessions.set(id, key);
        res.setHeader('Set-Cookie', `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`);
        return send(res, 200, { user: json });
      }
    },
  };
}

function send(res, status, json) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(json));
}

function cookie(req, name) {
  for (const part of (req.headers.cookie || '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
