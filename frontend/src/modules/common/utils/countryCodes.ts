let codes: string[] | null = null;

// Region codes Intl names that are not countries a passport or residence can name.
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"]);

/**
 * ISO 3166-1 alpha-2 codes the browser can name, found by asking Intl.DisplayNames for
 * every two-letter pair, so the list follows the browser's CLDR data instead of a copy.
 */
export function countryCodes(): string[] {
  if (codes) {
    return codes;
  }
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const found: string[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (!NOT_COUNTRIES.has(code) && names.of(code) !== undefined) {
        found.push(code);
      }
    }
  }
  codes = found;
  return found;
}
