import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/; its build lands in dist/client, which the Hono server serves.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
