/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the API when it is not served from the app's own origin, e.g. "https://api.example.org". */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
