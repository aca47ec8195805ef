import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); @vitejs/plugin-react is not needed. Everything is bundled: the pages run on
// closed government networks with no CDN or font service.
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: ['chrome111', 'firefox115', 'safari16.4'],
    chunkSizeWarningLimit: 800,
  },
  // an empty NODE_ENV in the shell would otherwise give the development build of React
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
