import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The API runs on 3001 (`hospital-crm serve`); the dev server forwards to it so the
// refresh cookie stays first-party. VITE_API_URL points the built app at another origin.
const apiTarget = process.env.API_PROXY_TARGET ?? "http://127.0.0.1:3001";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    port: 3000,
    host: "127.0.0.1",
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/health": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    // benchmarks/frontend_bundle.mjs reads the manifest to sum the chunks each route loads.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // Ant Design forms are slow to type into under jsdom.
    testTimeout: 20_000,
    // openapi-fetch builds Request objects, which need an absolute URL outside a browser.
    env: { VITE_API_URL: "http://localhost:3001" },
  },
});
