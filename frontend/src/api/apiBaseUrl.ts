/** Origin of the API; empty means the app and the API share an origin (dev proxy or `hospital-crm serve`). */
export const apiBaseUrl: string = (import.meta.env.VITE_API_URL ?? "").replace(/\/$/, "");
