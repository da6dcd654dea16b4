import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { heavyLibraryChunk, precompress } from '../build/vite-plugins';

export default defineConfig({
  root: __dirname,
  base: '/console/',
  plugins: [react(), precompress()],
  build: {
    outDir: path.resolve(__dirname, '../../dist/web/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rollupOptions: { output: { manualChunks: heavyLibraryChunk } },
  },
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
});
