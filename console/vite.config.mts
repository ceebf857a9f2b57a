import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/**
 * The gateway serves dist/index.html at / and for every GET /app/*, and dist/assets at /assets;
 * `npm run dev -w console` proxies the API to a local gateway (RXCHAIN_GATEWAY_URL, default :3000).
 */
const gateway = process.env.RXCHAIN_GATEWAY_URL ?? 'http://127.0.0.1:3000';
/** Every first path segment the gateway's OpenAPI document publishes, plus its own unauthenticated routes. */
const document = JSON.parse(readFileSync(new URL('./src/api/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, unknown> };
const apiPaths = [...new Set([...Object.keys(document.paths).map((p) => `/${p.split('/')[1]}`), '/openapi.json', '/health', '/docs'])];

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('/cytoscape')) return 'cytoscape';
          if (id.includes('/echarts') || id.includes('/zrender')) return 'echarts';
          if (id.includes('/react-dom/') || id.includes('/react/') || id.includes('/scheduler/') || id.includes('/react-router')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: gateway, changeOrigin: false }])) },
});
