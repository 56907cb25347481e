import { usePatient } from "../hooks/usePatient";
import { DuplicateReasonTags } from "./DuplicateReasonTags";
import { PatientBirthAndNationality } from "./PatientBirthAndNationality";

export type DuplicateCandidateDescriptionProps = {
  patientId: string;
  reasons: string[];
};

/** Show a look-alike patient's date of birth and nationality, loaded by id, and why they look alike. */
export function DuplicateCandidateDescription({ patientId, reasons }: DuplicateCandidateDescriptionProps) {
  // The same query as DuplicateCandidateTitle's, so the patient is fetched once for both.
  const { data } = usePatient(patientId);
  return (
    <>
      {data && <PatientBirthAndNationality patient={data} />}
      <DuplicateReasonTags reasons={reasons} />
    </>
  );
}
