/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by `npm run dev:mock`: answer the API with MSW in the browser. */
  readonly VITE_MOCK?: string;
}
