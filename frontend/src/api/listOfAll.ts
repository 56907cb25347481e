/**
 * Check at compile time that a runtime list names every member of a string union from the
 * generated schema, so a value the API adds later fails `tsc` until the UI lists it too.
 * Usage: `listOfAll<Channel>()(["email", "phone"] as const)`.
 */
export function listOfAll<Union extends string>() {
  return <const Values extends readonly Union[]>(values: Values & ([Union] extends [Values[number]] ? unknown : "missing a value of the union")) =>
    values as Values;
}
