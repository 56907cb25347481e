import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import type { CaseListParams } from "@/modules/cases/hooks/useCases";
import { type ExportChoice, ExportMenuButton } from "@/modules/common/components/ExportMenuButton";

export type CaseExportButtonProps = {
  /** The pipeline's filters and sort order; paging is ignored because the export contains every match. */
  params: CaseListParams;
};

/** Download the cases matching the pipeline's filters as Excel or CSV. */
export function CaseExportButton({ params }: CaseExportButtonProps) {
  const fetchExport = async (choice: ExportChoice) => {
    const { page: _page, page_size: _pageSize, ...filters } = params;
    return unwrap(await client.GET("/api/v1/exports/cases", { params: { query: { ...filters, ...choice } }, parseAs: "blob" })) as Blob;
  };

  return <ExportMenuButton fileName="cases" fetchExport={fetchExport} />;
}
