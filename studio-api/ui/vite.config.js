import { defineConfig } from 'vite';
import { devProxy } from './dev/dev-proxy.js';

// The control plane serves index.html at / and everything else under /ui/ (see UI-CONTRACT):
// base '/ui/' makes the built index.html point at /ui/assets/<hashed>.js.
export default defineConfig(({ command }) => ({
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
  plugins: command === 'serve' ? [devProxy()] : [],
  server: { port: Number(process.env.UI_DEV_PORT || 5173), strictPort: true },
}));
