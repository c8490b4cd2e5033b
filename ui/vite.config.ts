/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build lands in Maven's output directory so the jar plugin
// packs it as the bundle resource folder /static (served by UiServlet).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The SQL editor (CodeMirror and its Lezer parsers) in a chunk of its own: it changes
        // rarely, so browsers keep it cached across releases of the app.
        codeSplitting: {
          groups: [{ name: 'codemirror', test: /node_modules[\\/](@codemirror|@lezer|codemirror|style-mod|w3c-keyname|crelt|@marijn)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // `npm run dev`: the API runs in Karaf; the Vite dev server forwards /api to it.
    proxy: {
      '/api': { target: 'https://localhost:8443', changeOrigin: true, secure: false },
    },
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    testTimeout: 20000,
  },
});
