import { FIELDS, MINISTRIES } from '../../common/taxonomy';
import type { FieldCode, InstrumentCode, MinistryCode, PillarCode, ReportedHealthCode } from '../../common/taxonomy';

// The proportions the synthetic data are drawn with: who leads, in which fields, how healthy, how
// late. Chosen so that the dashboard sees a mix like real data (health about 60/25/15, milestones
// that slip, finish early or late). The weights are read in order by a seeded PRNG: changing one
// changes every generated data set.

/** Every milestone falls due within [DUE_FROM, DUE_UNTIL]. */
export const DUE_FROM = '2025-10-01';
export const DUE_UNTIL = '2028-03-31';
/** Each synthetic measure expects a report every 30 days, the product's default cycle. */
export const REPORTING_CYCLE_DAYS = 30;
/** Mean reports per measure over a full history; later starts, stops and completions bring it to ≈20. */
export const REPORTS_PER_FULL_HISTORY = [15, 29] as const;

export const LEAD_WEIGHTS: readonly (readonly [MinistryCode, number])[] = [
  ['meti', 6],
  ['mext', 4],
  ['cao', 3],
  ['mlit', 3],
  ['mic', 3],
  ['digital', 2],
  ['mhlw', 2],
  ['maff', 2],
  ['mod', 2],
  ['env', 2],
  ['cas', 2],
  ['mofa', 1],
  ['mof', 1],
  ['fsa', 1],
];

/** The fields a lead ministry usually works in; any field is possible. */
export const LEAD_FIELDS: Record<MinistryCode, readonly FieldCode[]> = {
  cas: ['defense', 'digital-cyber', 'resilience', 'ai-semiconductors'],
  cao: ['quantum', 'aerospace', 'fusion', 'synbio', 'resilience'],
  digital: ['digital-cyber', 'ai-semiconductors'],
  mic: ['ict', 'digital-cyber', 'content'],
  mofa: ['energy-gx', 'materials', 'defense'],
  mof: ['energy-gx', 'materials'],
  mext: ['quantum', 'fusion', 'aerospace', 'synbio', 'drug-discovery', 'ocean'],
  mhlw: ['drug-discovery', 'synbio'],
  maff: ['foodtech', 'synbio'],
  meti: ['ai-semiconductors', 'energy-gx', 'materials', 'synbio', 'content', 'aerospace', 'drug-discovery'],
  mlit: ['shipbuilding', 'port-logistics', 'resilience', 'aerospace', 'ocean'],
  env: ['energy-gx', 'materials', 'resilience'],
  mod: ['defense', 'aerospace', 'shipbuilding', 'quantum'],
  fsa: ['digital-cyber', 'content'],
};

export const PILLAR_WEIGHTS: readonly (readonly [PillarCode, number])[] = [
  ['startup-finance', 3],
  ['procurement-demand', 3],
  ['rnd-seeds', 4],
  ['university-clusters', 2],
  ['st-diplomacy', 1],
  ['cross-cutting', 2],
];

export const INSTRUMENT_WEIGHTS: readonly (readonly [InstrumentCode, number])[] = [
  ['investment', 4],
  ['global-expansion', 2],
  ['talent', 3],
  ['rnd', 5],
  ['industry-academia', 2],
  ['standardization', 2],
  ['procurement', 2],
  ['regulation', 3],
];

export const HEALTH_WEIGHTS: readonly (readonly [ReportedHealthCode, number])[] = [
  ['on_track', 60],
  ['at_risk', 25],
  ['off_track', 15],
];

/** Delay of a milestone's completion after its (current) due date, in days, by the measure's health. */
export const COMPLETION_DELAY: Record<ReportedHealthCode, readonly [number, number]> = {
  on_track: [-25, 7],
  at_risk: [-10, 35],
  off_track: [0, 80],
};
export const SLIP_CHANCE: Record<ReportedHealthCode, number> = { on_track: 0.14, at_risk: 0.28, off_track: 0.4 };

export const TARGET_DATES: readonly (readonly [string, number])[] = [
  ['2026-03-31', 1],
  ['2026-09-30', 2],
  ['2027-03-31', 5],
  ['2027-09-30', 2],
  ['2028-03-31', 4],
];

export const FIELD_CODES: readonly FieldCode[] = FIELDS.map((f) => f.code);
export const MINISTRY_CODES: readonly MinistryCode[] = MINISTRIES.map((m) => m.code);
