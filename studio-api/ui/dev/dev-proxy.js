// Development only (`npm run dev`, never in the build): forwards /api/v1 to a running control
// plane at AIGW_API (default http://127.0.0.1:8080), cookies included, so the UI runs with live
// reload against a real system and its real sessions.
//
// AIGW_DEV_FAKE_COMPONENT=1 also makes the knowledge bases' type announce a form_component served
// from dev/seed-selector.js (written like seed 003's example), to work on the platform side of
// the Web Component contract without a plugin that ships one.
import { readFileSync } from 'node:fs';

const FAKE_TAG = 'seed-kb-selector';
const FAKE_ENTRY = 'dev/seed-selector.js';

export function devProxy() {
  const upstream = (process.env.AIGW_API || 'http://127.0.0.1:8080').replace(/\/$/, '');
  const fakeComponent = process.env.AIGW_DEV_FAKE_COMPONENT === '1';

  return {
    name: 'aigw-dev-proxy',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (!req.url.startsWith('/api/v1/')) {
          return next();
        }
        try {
          if (fakeComponent && /^\/api\/v1\/plugins\/\d+\/ui\/assets\/dev\/seed-selector\.js(\?.*)?$/.test(req.url)) {
            res.setHeader('Content-Type', 'text/javascript');
            return res.end(readFileSync(new URL('./seed-selector.js', import.meta.url)));
          }
          const body = await readBody(req);
          const headers = {};
          for (const [k, v] of Object.entries(req.headers)) {
            if (!['host', 'connection', 'content-length', 'accept-encoding'].includes(k)) {
              headers[k] = v;
            }
          }
          const answer = await fetch(upstream + req.url, {
            method: req.method, headers, body: body.length ? body : undefined, redirect: 'manual',
          });
          res.statusCode = answer.status;
          answer.headers.forEach((v, k) => {
            if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'set-cookie'].includes(k)) {
              res.setHeader(k, v);
            }
          });
          const cookies = answer.headers.getSetCookie();
          if (cookies.length) res.setHeader('Set-Cookie', cookies);
          let bytes = Buffer.from(await answer.arrayBuffer());
          if (fakeComponent && answer.ok && /^\/api\/v1\/plugin-resource-types(\/\d+)?$/.test(req.url)) {
            const give = (t) => (t.slug === 'knowledge_bases' && !t.form_component
              ? { ...t, form_component: { tag: FAKE_TAG, entry_point: FAKE_ENTRY } } : t);
            const json = JSON.parse(bytes.toString('utf8'));
            bytes = Buffer.from(JSON.stringify(Array.isArray(json) ? json.map(give) : give(json)));
          }
          res.end(bytes);
        } catch (e) {
          res.statusCode = 502;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ error: 'dev proxy: ' + e.message }));
        }
      });
    },
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
