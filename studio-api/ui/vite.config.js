import { defineConfig } from 'vite';

// The control plane serves index.html at / and everything else under /ui/ (see UI-CONTRACT):
// base '/ui/' makes the built index.html point at /ui/assets/<hashed>.js.
export default defineConfig({
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // the dev server's dependency scan compiles JSX on its own: same runtime
  optimizeDeps: { rolldownOptions: { transform: { jsx: { runtime: 'automatic', importSource: 'preact' } } } },
  build: {
    outDir: process.env.AIGW_UI_OUT_DIR || '../target/classes/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // CSP is script-src 'self': nothing inline, no polyfill snippet.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  // `npm run dev`: live reload against a running control plane (AIGW_API), its API and sessions
  // forwarded as they are.
  server: {
    port: Number(process.env.UI_DEV_PORT || 5173),
    strictPort: true,
    proxy: { '/api/v1': { target: process.env.AIGW_API || 'http://127.0.0.1:8080', changeOrigin: true } },
  },
});
