type Department = {
  name_ja: string;
  name_en?: string | null;
  name_zh?: string | null;
};

/** Return the department's name in the UI language, falling back to Japanese. */
export function departmentName(department: Department | undefined, language: string): string {
  if (!department) {
    return "";
  }
  if (language === "en" && department.name_en) {
    return department.name_en;
  }
  if (language === "zh-CN" && department.name_zh) {
    return department.name_zh;
  }
  return department.name_ja;
}
