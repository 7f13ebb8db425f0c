import type { FieldCode, InstrumentCode, MinistryCode, PillarCode } from '../../common/taxonomy';

// One illustrative policy measure of the sample data set, before dates and history are assigned.
// The generator (seeds/sample/generate-sample.ts) turns these into measures, milestones and reports
// deterministically.
export interface CatalogMeasure {
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
  lead: MinistryCode;
  coMinistries: readonly MinistryCode[];
  /** First entry is the primary field. */
  fields: readonly FieldCode[];
  pillar: PillarCode;
  instruments: readonly InstrumentCode[];
  /** Budget in 億円 (100 million yen), or null when the measure has no dedicated budget line. */
  budgetOku: number | null;
  kpiJa: string;
  kpiEn: string;
  /** 2–8 milestones in the order they are planned; the generator assigns due dates. */
  milestones: readonly { titleJa: string; titleEn: string }[];
}
