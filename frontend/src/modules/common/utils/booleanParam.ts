/** Turn a URL value of "true" or "false" into a boolean filter. Any other value, or none, means no filter. */
export function booleanParam(value: string | null): boolean | undefined {
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}
