import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server listens on :3000 and serves the built app at `/` with an SPA fallback,
// so dev and preview forward /api there and routing uses plain history URLs.
const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: { port: 5173, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
  build: { outDir: 'dist', target: 'es2020', sourcemap: false },
});
