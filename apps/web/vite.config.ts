import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); @vitejs/plugin-react is not needed. Everything is bundled: the pages run on
// closed government networks with no CDN or font service.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  // JSX and React's build follow the mode, never NODE_ENV: Jest runs the build with NODE_ENV=test, and a shell may
  // carry an empty NODE_ENV; either would otherwise mix development JSX with production React or the reverse
  oxc: { jsx: { runtime: 'automatic', development: mode === 'development' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: ['chrome111', 'firefox115', 'safari16.4'],
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // antd and TipTap mark their modules "use client" for React Server Components; a plain client bundle has
      // nothing to preserve, so the warning about dropping the directive is noise
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
