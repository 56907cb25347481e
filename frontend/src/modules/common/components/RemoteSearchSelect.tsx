import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select, type SelectProps, Spin } from "antd";
import { useState } from "react";

import { useDebouncedValue } from "../hooks/useDebouncedValue";

export type SearchOption = { value: string; label: string };

export type RemoteSearchSelectProps = Omit<SelectProps<string>, "options" | "showSearch" | "filterOption" | "onSearch" | "searchValue" | "loading" | "onOpenChange"> & {
  /** Query key prefix, under the resource's own key (["partners", ...]) so saving one refreshes the results. */
  queryKey: readonly unknown[];
  /** Fetch the options whose name contains the typed text, which is empty before the user types. */
  search: (text: string) => Promise<SearchOption[]>;
  /** Fetch the option of a value that is not among the results, so the field shows its name, not its id. */
  fetchOption: (value: string) => Promise<SearchOption>;
  /** False skips every request, for users who may not list the resource. */
  enabled?: boolean;
};

const SEARCH_DELAY_MS = 300;
// The list endpoints reject a longer `q`.
const MAX_SEARCH_LENGTH = 100;

/**
 * Select whose options come from the API as the user types (debounced), so any record can
 * be picked, not only those of a first page loaded in advance.
 */
export function RemoteSearchSelect({ queryKey, search, fetchOption, enabled = true, value, ...selectProps }: RemoteSearchSelectProps) {
  const [typed, setTyped] = useState("");
  const text = useDebouncedValue(typed.trim().slice(0, MAX_SEARCH_LENGTH), SEARCH_DELAY_MS);

  const results = useQuery({
    queryKey: [...queryKey, "search", text],
    queryFn: () => search(text),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const found = results.data ?? [];
  const selectedMissing = typeof value === "string" && value !== "" && !found.some((option) => option.value === value);
  const selected = useQuery({
    queryKey: [...queryKey, "option", value],
    queryFn: () => fetchOption(value as string),
    enabled: enabled && selectedMissing,
    staleTime: 5 * 60_000,
  });
  const options = selectedMissing && selected.data ? [selected.data, ...found] : found;

  return (
    <Select<string>
      {...selectProps}
      value={value}
      showSearch
      filterOption={false}
      onSearch={setTyped}
      onOpenChange={(open) => {
        if (!open) setTyped("");
      }}
      options={options}
      loading={results.isFetching}
      notFoundContent={results.isFetching ? <Spin size="small" /> : undefined}
    />
  );
}
