import type { paths } from "./schema";

type JsonContent<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** The JSON body of an operation's 200 or 201 response, read from the generated schema. */
export type ApiResponse<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer OK }
      ? JsonContent<OK>
      : R extends { 201: infer Created }
        ? JsonContent<Created>
        : never
    : never;

/** The JSON request body of an operation. */
export type ApiRequestBody<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

/** The query parameters of an operation. */
export type ApiQuery<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
