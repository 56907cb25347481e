import { Skeleton } from "antd";
import { Link } from "react-router-dom";

import { usePatient } from "../hooks/usePatient";
import { patientDisplayName } from "../utils/patientDisplayName";

export type DuplicateCandidateTitleProps = {
  patientId: string;
};

/** Show the name of a look-alike patient, loaded by id, as a link to their page in a new tab. */
export function DuplicateCandidateTitle({ patientId }: DuplicateCandidateTitleProps) {
  const { data, isPending } = usePatient(patientId);
  if (isPending) {
    return <Skeleton.Input active size="small" />;
  }
  return (
    <Link to={`/patients/${patientId}`} target="_blank">
      {data ? patientDisplayName(data) : patientId}
    </Link>
  );
}
