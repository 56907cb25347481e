import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { type ExportChoice, ExportMenuButton } from "@/modules/common/components/ExportMenuButton";

import type { PatientListParams } from "../hooks/usePatients";

export type PatientExportButtonsProps = {
  params: PatientListParams;
};

/** Download the patients matching the current filters as Excel or CSV. */
export function PatientExportButtons({ params }: PatientExportButtonsProps) {
  const fetchExport = async (choice: ExportChoice) => {
    const { page: _page, page_size: _pageSize, ...filters } = params;
    return unwrap(await client.GET("/api/v1/exports/patients", { params: { query: { ...filters, ...choice } }, parseAs: "blob" })) as Blob;
  };

  return <ExportMenuButton fileName="patients" fetchExport={fetchExport} />;
}
