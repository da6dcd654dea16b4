import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { heavyLibraryChunk, precompress, routePreloads, serviceWorker } from '../build/vite-plugins';

export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [
    react(),
    serviceWorker({
      src: path.resolve(__dirname, 'src/sw.ts'),
      publicFiles: [
        'offline.html',
        'offline.css',
        'manifest.webmanifest',
        'icon.svg',
        'icon-192.png',
        'icon-512.png',
        'icon-maskable-512.png',
        'apple-touch-icon.png',
      ],
    }),
    // The first screen of each route for a new visitor (a returning member has the files cached).
    routePreloads({
      '/': ['src/features/auth/LoginPage.tsx'],
      '/login': ['src/features/auth/LoginPage.tsx'],
      '/map': ['src/features/stations/MapPage.tsx'],
      '/s/*': ['src/features/stations/StationPage.tsx'],
      '/notices/*': ['src/features/programmes/NoticePage.tsx'],
    }),
    precompress(),
  ],
  build: {
    outDir: path.resolve(__dirname, '../../dist/web/member'),
    emptyOutDir: true,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { output: { manualChunks: heavyLibraryChunk, experimentalMinChunkSize: 20_000 } },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
