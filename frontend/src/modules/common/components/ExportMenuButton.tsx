import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { components } from "@/api/schema";
import { useCan } from "@/modules/auth/hooks/useCan";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { downloadBlob } from "@/modules/common/utils/downloadBlob";
import { exportErrorMessage } from "@/modules/common/utils/exportErrorMessage";

export type ExportChoice = { format: components["schemas"]["ExportFormat"]; encoding: components["schemas"]["ExportEncoding"] };

const CHOICES: Record<string, ExportChoice> = {
  xlsx: { format: "xlsx", encoding: "utf-8-sig" },
  csvUtf8: { format: "csv", encoding: "utf-8-sig" },
  csvSjis: { format: "csv", encoding: "cp932" },
};

export type ExportMenuButtonProps = {
  /** The downloaded file's name without its extension. */
  fileName: string;
  /** Fetch the export file in the chosen format. */
  fetchExport: (choice: ExportChoice) => Promise<Blob>;
};

/**
 * Offer a list's export as Excel, UTF-8 CSV or Shift_JIS CSV, to users with the export
 * permission only. The server audits every export.
 */
export function ExportMenuButton({ fileName, fetchExport }: ExportMenuButtonProps) {
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
      downloadBlob(await fetchExport(choice), `${fileName}.${choice.format}`);
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
        items: Object.keys(CHOICES).map((key) => ({ key, label: t(`exports.${key}`) })),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporting}>
        {t("exports.button")}
      </Button>
    </Dropdown>
  );
}
