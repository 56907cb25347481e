/** One field problem reported by the API, with the path into the request (["body", "email"]). */
export type ApiFieldError = {
  path: (string | number)[];
  code: string;
  message: string;
};

type ErrorBody = {
  error?: { code?: string; message?: string; fields?: ApiFieldError[]; [extra: string]: unknown };
  request_id?: string;
};

/**
 * Error thrown by the query hooks for any non-2xx response. `code` is the API's stable
 * snake_case code, which the UI translates; `details` keeps the other members of the
 * error object (for example `locked_until` or `candidates`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: ApiFieldError[];
  readonly details: Record<string, unknown>;

  constructor(status: number, body: unknown) {
    const parsed = (body ?? {}) as ErrorBody;
    const { code, message, fields, ...details } = parsed.error ?? {};
    super(message ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code ?? (status === 0 ? "network_error" : "unknown_error");
    this.requestId = parsed.request_id ?? null;
    this.fields = fields ?? [];
    this.details = details;
  }
}
