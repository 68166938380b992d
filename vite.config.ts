import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a running Attic server (`npm run dev`); `npm run dev:mock`
// sets VITE_MOCK=1 and the app answers itself with MSW instead.
export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // Libraries change less often than the app: a separate chunk stays cached across releases.
    rolldownOptions: { output: { advancedChunks: { groups: [{ name: 'vendor', test: /node_modules/ }] } } },
    // The vendor chunk (React, the router, TanStack Query, Radix, zod) is ~580 kB, 178 kB gzipped.
    chunkSizeWarningLimit: 650,
  },
  test: {
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./src/server/test/global-setup.ts'],
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
  },
});
