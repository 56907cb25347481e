import { useMutation } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiResponse } from "@/api/types";
import { unwrap } from "@/api/unwrap";

/** The batch created for an uploaded file and the layout the server detected. */
export type UploadedSheet = ApiResponse<"/api/v1/imports/uploads", "post">;

export type UploadSheetInput = {
  file: File;
  /** Character encoding of a CSV file, e.g. "cp932"; empty lets the server detect it. */
  encoding?: string;
  /** Sheet of an XLSX workbook to read. Without it the server reads the first sheet. */
  sheet?: string;
};

/** Upload a CSV or XLSX sheet (POST /imports/uploads); the response has the batch and the detected layout. */
export function useUploadSheet() {
  return useMutation({
    mutationFn: async ({ file, encoding, sheet }: UploadSheetInput) =>
      unwrap(
        await client.POST("/api/v1/imports/uploads", {
          // openapi-typescript types a binary part as string; the serializer sends the File itself.
          body: { file: file as unknown as string, encoding: encoding ?? null, sheet: sheet ?? null },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append("file", file, file.name);
            if (body.encoding) form.append("encoding", body.encoding);
            if (body.sheet) form.append("sheet", body.sheet);
            return form;
          },
        }),
      ),
  });
}
