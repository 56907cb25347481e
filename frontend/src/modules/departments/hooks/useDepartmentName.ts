import { useCallback } from "react";

import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { departmentName } from "../utils/departmentName";
import { useDepartments } from "./useDepartments";

/** A function from department id to its name in the UI language ("" while loading or unknown). */
export function useDepartmentName(): (id: string | null | undefined) => string {
  const { data } = useDepartments(true);
  const { language } = useUiLanguage();
  return useCallback(
    (id) => departmentName(data?.find((department) => department.id === id), language),
    [data, language],
  );
}
