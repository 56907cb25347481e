import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { downloadBlob } from "@/modules/common/utils/downloadBlob";

/** Download a batch's rejected rows as CSV: the original columns plus the reason, UTF-8 with BOM for Excel. */
export async function downloadRejectedRows(batchId: string, fileName: string): Promise<void> {
  const blob = unwrap(
    await client.GET("/api/v1/imports/batches/{batch_id}/rejects.csv", { params: { path: { batch_id: batchId } }, parseAs: "blob" }),
  ) as Blob;
  downloadBlob(blob, fileName);
}
