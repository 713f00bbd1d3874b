import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Built into dist/web at the repository root, which the API serves at `/` (apps/api/src/web).
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true },
  // `npm run dev:web` against an API on :3000.
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});
