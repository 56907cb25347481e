import { Col, Row, Statistic } from "antd";
import { useTranslation } from "react-i18next";

export type BatchCountsProps = {
  batch: { created_count: number; updated_count: number; skipped_count: number; rejected_count: number; cases_created_count: number };
  /** Whether the counts come from a preview, which creates nothing, so they read as what the import would do. */
  preview?: boolean;
};

/** Show a batch's row counts per outcome. */
export function BatchCounts({ batch, preview = false }: BatchCountsProps) {
  const { t } = useTranslation();
  const outcomeLabels = preview ? "imports.previewOutcomes" : "imports.outcomes";
  const counts = [
    ["created", batch.created_count],
    ["updated", batch.updated_count],
    ["skipped", batch.skipped_count],
    ["rejected", batch.rejected_count],
  ] as const;
  return (
    <Row gutter={16}>
      {counts.map(([outcome, count]) => (
        <Col key={outcome} xs={12} md={5}>
          <Statistic title={t(`${outcomeLabels}.${outcome}`)} value={count} />
        </Col>
      ))}
      <Col xs={12} md={4}>
        <Statistic title={t(preview ? "imports.casesToCreate" : "imports.casesCreated")} value={batch.cases_created_count} />
      </Col>
    </Row>
  );
}
