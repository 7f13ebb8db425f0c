import type { MeasureDescription } from '../seed-types';

// One illustrative policy measure of the sample data set, before dates and history are assigned.
// The generator (seeds/sample/generate-sample.ts) turns these into measures, milestones and reports
// deterministically.
export interface CatalogMeasure extends MeasureDescription {
  /** Budget in 億円 (100 million yen), or null when the measure has no dedicated budget line. */
  budgetOku: number | null;
  /** 2–8 milestones in the order they are planned; the generator assigns due dates. */
  milestones: readonly { titleJa: string; titleEn: string }[];
}
