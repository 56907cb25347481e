import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";
import { useCan } from "@/modules/auth/hooks/useCan";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { downloadBlob } from "@/modules/common/utils/downloadBlob";

import type { PatientListParams } from "../hooks/usePatients";
import { exportErrorMessage } from "../utils/exportErrorMessage";

type ExportQuery = NonNullable<ApiQuery<"/api/v1/exports/patients", "get">>;
type ExportChoice = { format: NonNullable<ExportQuery["format"]>; encoding: NonNullable<ExportQuery["encoding"]> };

const CHOICES: Record<string, ExportChoice> = {
  xlsx: { format: "xlsx", encoding: "utf-8-sig" },
  csvUtf8: { format: "csv", encoding: "utf-8-sig" },
  csvSjis: { format: "csv", encoding: "cp932" },
};

export type PatientExportButtonsProps = {
  params: PatientListParams;
};

/** Download the patients matching the current filters as Excel or CSV; the server audits every export. */
export function PatientExportButtons({ params }: PatientExportButtonsProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const can = useCan();
  const [exporting, setExporting] = useState(false);
  if (!can("data:export")) {
    return null;
  }

  const run = async (key: string) => {
    const choice = CHOICES[key];
    if (!choice) return;
    setExporting(true);
    try {
      const { page: _page, page_size: _pageSize, ...filters } = params;
      const blob = unwrap(
        await client.GET("/api/v1/exports/patients", { params: { query: { ...filters, ...choice } }, parseAs: "blob" }),
      ) as Blob;
      downloadBlob(blob, `patients.${choice.format}`);
    } catch (error) {
      // Long enough to read a list of characters and the advice after it.
      void message.error({ content: exportErrorMessage(error, t), duration: 12 });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        onClick: ({ key }) => void run(key),
        items: Object.keys(CHOICES).map((key) => ({ key, label: t(`patients.export.${key}`) })),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporting}>
        {t("patients.export.button")}
      </Button>
    </Dropdown>
  );
}
