import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";

export type DuplicateReasonTagsProps = {
  /** The API's reason codes, such as "passport" or "name_dob". */
  reasons: string[];
};

/** Show why two patients may be the same person, as tags that wrap onto further lines. */
export function DuplicateReasonTags({ reasons }: DuplicateReasonTagsProps) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
      {reasons.map((reason) => (
        <Tag key={reason} color="orange" style={{ marginInlineEnd: 0 }}>
          {t(`patients.duplicates.reasons.${reason}`, { defaultValue: reason })}
        </Tag>
      ))}
    </Space>
  );
}
