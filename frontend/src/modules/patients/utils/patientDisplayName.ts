type NamedPatient = {
  family_name?: string | null;
  given_name?: string | null;
  name_latin?: string | null;
};

/** "王 小明 (WANG XIAOMING)": the name as written, then the passport spelling when it differs. */
export function patientDisplayName(patient: NamedPatient): string {
  const native = [patient.family_name, patient.given_name].filter(Boolean).join(" ");
  const latin = patient.name_latin?.trim() ?? "";
  if (!native) {
    return latin;
  }
  if (!latin || latin.toLowerCase() === native.toLowerCase()) {
    return native;
  }
  return `${native} (${latin})`;
}
