import { addDays, daysBetween, jstDateOfInstant } from '../../common/calendar';
import { MINISTRIES } from '../../common/taxonomy';
import { kpiPacing } from '../../server/domain/kpi-pacing';
import { DEMO_EMAIL_DOMAIN } from '../demo-users';
import { createRandom, mixSeed } from '../random';
import type { Random } from '../random';
import type { SeedKpi, SeedKpiCategory, SeedKpiObservation, SeedMeasure } from '../seed-types';
import { SAMPLE_SECRETARIAT_EMAIL, officeInstant } from './sample-rounds';

// Structured KPIs for the sample (docs/product.md §4, KPIs with progress categories), derived from
// each measure's free-text KPI (seeds/sample/measure-catalog.ts): every clause of it that names a
// figure ("…を累計4万人育成", "…を3割削減", "…を2023年比3倍に") becomes a KPI with that target and
// its target year; a text without a figure ("…の運用を開始") gets none, which leaves about a fifth of
// the measures without structured KPIs. Observations follow a pace drawn per KPI: on pace (A),
// behind (B) or not yet observed (N). Invented figures, like the rest of the sample.

const KPI_SEED = 20261101;

/** The pacing rule, the product's own (server/domain/kpi-pacing.ts): the sample's categories are the ones the API computes. */
export function paceCategory(kpi: SeedKpi, observation: { value: number; observedOn: string } | null): SeedKpiCategory {
  return kpiPacing(kpi, observation).category;
}

const COUNT_UNITS = [
  'か所',
  'か国',
  '品目',
  '症例',
  '団体',
  '自治体',
  '都市',
  '地域',
  '業界',
  '疾患',
  'トークン',
  '社',
  '件',
  '名',
  '人',
  '台',
  '回',
  '条項',
  'ルート',
  '拠点',
  '機関',
  '校',
  '基',
  '隻',
  '機',
];
const AMOUNT_UNITS = ['円', 'トン', 'GWh', 'GW'];
// A figure: a number, an optional 万 / 億 / 兆, and its unit; or a bare number the clause ends on ("…を100に").
const FIGURE = new RegExp(
  `([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(万|億|兆)?(${[...AMOUNT_UNITS, '%', 'ポイント', '倍', '割', ...COUNT_UNITS].join('|')}|に$)`,
);

interface Figure {
  unit: string;
  direction: 'increase' | 'decrease';
  /** Index-like figures (倍, 割) start at 100; points add to a share; others are absolute. */
  kind: 'index' | 'points' | 'share' | 'count' | 'amount';
  target: number;
}

function parseFigure(clause: string): Figure | null {
  const decrease = /削減|低減|短縮|半減|減少|抑制/.test(clause);
  const direction = decrease ? 'decrease' : 'increase';
  if (/半減/.test(clause)) return { unit: '指数（基準=100）', direction, kind: 'index', target: 50 };
  const stripped = clause.replace(/[0-9]{4}年(度|代)?/g, '');
  const share = /全体の([0-9])割/.exec(stripped);
  if (share?.[1]) return { unit: '%', direction, kind: 'share', target: Number(share[1]) * 10 };
  // A relative figure ("2割増", "3倍に") is the target even when the clause names another figure.
  const relative = /([0-9]+(?:\.[0-9]+)?)(倍|割)/.exec(stripped);
  const m = relative ? [relative[0], relative[1], undefined, relative[2]] : FIGURE.exec(stripped);
  if (!m?.[1] || !m[3]) {
    return /倍増/.test(clause) ? { unit: '指数（基準=100）', direction, kind: 'index', target: 200 } : null;
  }
  const value = Number(m[1].replace(/,/g, ''));
  const prefix = m[2] ?? '';
  const unit = m[3];
  if (!Number.isFinite(value) || value <= 0) return null;
  if (unit === '倍') return { unit: '指数（基準=100）', direction: 'increase', kind: 'index', target: Math.round(value * 100) };
  if (unit === '割')
    return {
      unit: '指数（基準=100）',
      direction,
      kind: 'index',
      target: Math.round(decrease ? 100 - value * 10 : 100 + value * 10),
    };
  if (unit === 'ポイント') return { unit: '%', direction, kind: 'points', target: value };
  if (unit === '%') return { unit: '%', direction, kind: 'share', target: value };
  if (unit === 'に') return { unit: clause.includes('機関') ? '機関' : '団体', direction, kind: 'count', target: value };
  return {
    unit: `${prefix}${unit}`,
    direction,
    kind: prefix === '' && COUNT_UNITS.includes(unit) ? 'count' : 'amount',
    target: value,
  };
}

function targetDateOf(text: string): string | null {
  const fiscal = /([0-9]{4})年度(末|中)?(まで|に)/.exec(text);
  if (fiscal?.[1]) return `${Number(fiscal[1]) + 1}-03-31`;
  const decade = /([0-9]{4})年代(前半|半ば)/.exec(text);
  if (decade?.[1]) return `${Number(decade[1]) + (decade[2] === '前半' ? 4 : 5)}-12-31`;
  const year = /([0-9]{4})年(頃)?(まで|に)/.exec(text);
  if (year?.[1]) return `${year[1]}-12-31`;
  return null;
}

function baselineDateOf(rng: Random, text: string): string {
  const fiscal = /([0-9]{4})年度比/.exec(text);
  if (fiscal?.[1]) return `${Number(fiscal[1]) + 1}-03-31`;
  const year = /([0-9]{4})年比/.exec(text);
  if (year?.[1]) return `${year[1]}-12-31`;
  return rng.pick(['2025-03-31', '2025-03-31', '2025-09-30']);
}

/**
 * The clauses of a KPI text ("…を3か所開設し、…を年間300億円に"): each without its target-year
 * prefix, with the text that dates it (its own prefix, else the whole text's).
 */
function clausesOf(text: string): { name: string; dated: string }[] {
  return text
    .split(/し、|、(?=[^、]*[0-9])/)
    .map((raw) => ({
      name: raw
        .replace(/^(今後[0-9]+年間で|[0-9]{4}年(度|代)?(前半|半ば|後半|早期|末|頃)?(中)?(まで)?(に)?)/, '')
        .replace(/に$/, '')
        .trim(),
      dated: targetDateOf(raw) ? raw : text,
    }))
    .filter((c) => c.name.length > 0);
}

function englishName(text: string): string {
  return text
    .replace(/,?\s*(by|in|within) (the end of |the )?(early |mid-|late |summer )?(FY)?[0-9]{4}s?( or so)?/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function rounded(value: number, figure: Figure): number {
  if (figure.kind === 'count') return Math.round(value);
  const magnitude = Math.abs(figure.target);
  const step = magnitude >= 1000 ? 10 : magnitude >= 100 ? 1 : 0.1;
  return Math.round(value / step) * step === 0 ? 0 : Number((Math.round(value / step) * step).toFixed(1));
}

function baselineValueOf(rng: Random, figure: Figure, clause: string): number {
  switch (figure.kind) {
    case 'index':
      return 100;
    case 'points':
      return rng.int(15, 40);
    case 'share':
      return figure.direction === 'increase' ? rounded(figure.target * (0.3 + rng.next() * 0.35), figure) : figure.target * 2;
    case 'count':
      return /累計/.test(clause) || figure.target <= 30
        ? rng.int(0, Math.floor(figure.target * 0.1))
        : Math.round(figure.target * (0.2 + rng.next() * 0.3));
    case 'amount':
      return rounded(figure.target * (0.15 + rng.next() * 0.4), figure);
  }
}

interface Pace {
  kind: SeedKpiCategory;
  /** Share of the on-pace progress achieved by each observation. */
  factor: number;
}

function drawPace(rng: Random): Pace {
  const kind = rng.weighted<SeedKpiCategory>([
    ['A', 54],
    ['B', 35],
    ['N', 11],
  ]);
  return { kind, factor: kind === 'A' ? 1.08 + rng.next() * 0.5 : 0.25 + rng.next() * 0.5 };
}

/** A value `factor` times the on-pace progress at `observedOn`, rounded in the direction that keeps its category. */
function valueAt(kpi: SeedKpi, figure: Figure, pace: Pace, observedOn: string): number {
  const span = daysBetween(kpi.baselineDate, kpi.targetDate);
  const elapsed = Math.min(1, Math.max(0, daysBetween(kpi.baselineDate, observedOn) / span));
  const raw = kpi.baselineValue + (kpi.targetValue - kpi.baselineValue) * Math.min(1, elapsed * pace.factor);
  const value = rounded(raw, figure);
  // Rounding can move a value across the pacing line; nudge it back one step.
  const step = figure.kind === 'count' ? 1 : Math.abs(figure.target) >= 1000 ? 10 : Math.abs(figure.target) >= 100 ? 1 : 0.1;
  const toward = Math.sign(kpi.targetValue - kpi.baselineValue);
  const category = paceCategory(kpi, { value, observedOn });
  if (category !== pace.kind) return Number((value + (pace.kind === 'A' ? toward : -toward) * step).toFixed(1));
  return value;
}

function observe(
  rng: Random,
  measure: SeedMeasure,
  kpi: SeedKpi,
  figure: Figure,
  pace: Pace,
  lastDay: string,
): SeedKpiObservation[] {
  if (pace.kind === 'N') return [];
  const recordedBy = `lead.${measure.lead}@${DEMO_EMAIL_DOMAIN}`;
  const count = rng.int(1, 4);
  // Filed with reports at least two months after the baseline: the latest reports, every other one.
  const reports = measure.reports.filter((r) => jstDateOfInstant(r.reportedAt) > addDays(kpi.baselineDate, 60));
  const chosen = reports.filter((_, i) => (reports.length - 1 - i) % 2 === 0).slice(-count);
  const out: SeedKpiObservation[] = [];
  for (const report of chosen) {
    const day = jstDateOfInstant(report.reportedAt);
    // The figure as of the end of the month before the report (statistics lag a little).
    const observedOn = addDays(`${day.slice(0, 7)}-01`, -1);
    if (observedOn <= kpi.baselineDate || out.some((o) => o.observedOn === observedOn)) continue;
    out.push({
      value: valueAt(kpi, figure, pace, observedOn),
      observedOn,
      source: rng.chance(0.3) ? `${kpi.source}（速報値）` : kpi.source,
      recordedBy,
      createdAt: report.reportedAt,
      reportedAt: report.reportedAt,
    });
  }
  if (out.length === 0 && addDays(kpi.baselineDate, 40) < lastDay) {
    // No report near: an observation entered on its own.
    const observedOn = addDays(kpi.baselineDate, rng.int(30, Math.max(30, daysBetween(kpi.baselineDate, lastDay) - 10)));
    const createdDay = addDays(observedOn, 10) > lastDay ? lastDay : addDays(observedOn, 10);
    const createdAt = officeInstant(createdDay, rng.int(10, 17), rng.int(0, 59));
    if (observedOn <= lastDay && createdAt >= measure.createdAt)
      out.push({
        value: valueAt(kpi, figure, pace, observedOn),
        observedOn,
        source: kpi.source,
        recordedBy,
        createdAt,
        reportedAt: null,
      });
  }
  return out;
}

const OVERRIDE_REASONS: Record<SeedKpiCategory, string> = {
  A: '直近の月次速報値では目標ペースに到達しており、基調としてはA相当と判断。次回報告で確報値を確認。',
  B: '前期の増加は大型案件1件による一時的なもので、基調としては目標ペースを下回ると判断。',
  N: '報告値の集計方法が目標設定時と異なり、比較可能なデータがないためN相当と判断。',
};

function confirm(rng: Random, kpi: SeedKpi, lastDay: string): void {
  const latestIndex = kpi.observations.length - 1;
  const latest = kpi.observations[latestIndex];
  if (!latest) return;
  const judge = (index: number, until: string | null): void => {
    const observation = kpi.observations[index];
    if (!observation) return;
    const day = addDays(jstDateOfInstant(observation.createdAt), rng.int(2, 10));
    const confirmedAt = officeInstant(day > lastDay ? lastDay : day, rng.int(10, 17), rng.int(0, 59));
    if (confirmedAt <= observation.createdAt || (until !== null && confirmedAt >= until)) return;
    const computed = paceCategory(kpi, observation);
    kpi.confirmations.push({
      observationIndex: index,
      category: computed,
      computedCategory: computed,
      reason: '',
      actorEmail: SAMPLE_SECRETARIAT_EMAIL,
      confirmedAt,
    });
  };
  if (rng.chance(0.55)) judge(latestIndex, null);
  else if (latestIndex >= 1 && rng.chance(0.2)) judge(latestIndex - 1, latest.createdAt); // then a newer figure came in: pending again
}

/** Derives the KPIs of every measure (mutates `measures`), with observations and confirmations. */
export function addSampleKpis(measures: readonly SeedMeasure[], referenceDate: string): void {
  const lastDay = addDays(referenceDate, -1);
  measures.forEach((measure, i) => {
    const rng = createRandom(mixSeed(KPI_SEED, i));
    const ministry = MINISTRIES.find((m) => m.code === measure.lead);
    const clauses = clausesOf(measure.kpiJa);
    const enParts = measure.kpiEn.split(/,? and (?=[a-z0-9 ,¥-]*[0-9])/i);
    const kpis: SeedKpi[] = [];
    for (const { name: clause, dated } of clauses) {
      const figure = parseFigure(clause);
      if (!figure || kpis.length >= 2) continue;
      const baselineDate = baselineDateOf(rng, measure.kpiJa);
      let targetDate = targetDateOf(dated) ?? rng.pick(['2028-03-31', '2029-03-31', '2030-03-31']);
      if (targetDate <= addDays(baselineDate, 365)) targetDate = addDays(baselineDate, 3 * 365);
      const enPart = clauses.length > 1 && enParts.length === clauses.length ? enParts[kpis.length] : undefined;
      const kpi: SeedKpi = {
        nameJa: clause,
        nameEn: englishName(enPart ?? measure.kpiEn),
        unit: figure.unit,
        direction: figure.direction,
        baselineValue: baselineValueOf(rng, figure, clause),
        baselineDate,
        targetValue: figure.kind === 'points' ? 0 : figure.target,
        targetDate,
        source: `${ministry?.nameJa ?? measure.lead}調べ`,
        createdAt: measure.createdAt,
        observations: [],
        confirmations: [],
      };
      if (figure.kind === 'points') kpi.targetValue = kpi.baselineValue + figure.target;
      if (kpi.targetValue === kpi.baselineValue) continue;
      kpi.observations = observe(rng, measure, kpi, figure, drawPace(rng), lastDay);
      confirm(rng, kpi, lastDay);
      kpis.push(kpi);
    }
    measure.kpis = kpis;
  });
  // One or two overrides: the secretariat judged differently from the pacing rule, with a reason.
  const confirmed = measures.flatMap((m) => m.kpis ?? []).filter((k) => k.confirmations.length > 0);
  const pickRng = createRandom(mixSeed(KPI_SEED, 999_999));
  for (const kpi of pickRng.sample(confirmed, 2)) {
    const judgement = kpi.confirmations[kpi.confirmations.length - 1];
    if (!judgement) continue;
    judgement.category = judgement.computedCategory === 'A' ? 'B' : 'A';
    judgement.reason = OVERRIDE_REASONS[judgement.category];
  }
}
