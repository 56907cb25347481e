type FieldLabels = { label_ja: string; label_en: string; label_zh: string };

/** Return the label of an import field in the UI language, falling back to Japanese. */
export function fieldLabel(field: FieldLabels, language: string): string {
  if (language === "en") return field.label_en;
  if (language === "zh-CN") return field.label_zh;
  return field.label_ja;
}
