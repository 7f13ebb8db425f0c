import { addDays, jstDateOfInstant } from '../../common/calendar';
import { createRandom, mixSeed } from '../random';
import type { Random } from '../random';
import type { SeedMeasure } from '../seed-types';
import { SAMPLE_SECRETARIAT_EMAIL, officeInstant } from './sample-rounds';

// Evidence and verification of the sample's completed milestones (docs/product.md §4, verified
// milestones): most completions link their evidence, the secretariat has verified about 60% of
// them a few days to a month after the report, and a few completions were rejected for want of
// evidence, then completed anew by a later report (reported again, not verified yet).

const EVIDENCE_SEED = 20261001;
const REJECTIONS = 3;

const REJECTION_COMMENTS: readonly string[] = [
  '添付資料から完了を確認できませんでした。公表資料または決裁文書のURLを添付のうえ、改めて報告してください。',
  'リンク先が準備中のページでした。完了を示す資料の掲載後に改めて完了を報告してください。',
  '実施要領の公表のみで、マイルストーンの要件（運用開始）を満たしていません。',
];

function evidenceUrl(measure: SeedMeasure, index: number, suffix = ''): string {
  return `https://www.example.go.jp/${measure.lead}/policy/${measure.code.toLowerCase()}/milestone-${index + 1}${suffix}.pdf`;
}

interface RejectionCandidate {
  measure: SeedMeasure;
  milestone: number;
  /** Index of the report that recorded the completion, and of the next one. */
  report: number;
}

function rejectionCandidates(measure: SeedMeasure): RejectionCandidate[] {
  const out: RejectionCandidate[] = [];
  measure.reports.forEach((report, r) => {
    const next = measure.reports[r + 1];
    if (!next || report.status === 'completed') return;
    const gap = (Date.parse(next.reportedAt) - Date.parse(report.reportedAt)) / 86_400_000;
    if (gap < 12) return;
    for (const milestone of report.completedMilestones) out.push({ measure, milestone, report: r });
  });
  return out;
}

/** The completion was rejected a few days after its report; the next report completed it again. */
function reject(rng: Random, { measure, milestone, report }: RejectionCandidate): void {
  const first = measure.reports[report];
  const next = measure.reports[report + 1];
  const m = measure.milestones[milestone];
  if (!first || !next || !m?.completedDate) return;
  const decidedDay = addDays(jstDateOfInstant(first.reportedAt), rng.int(3, 7));
  const decidedAt = officeInstant(decidedDay, rng.int(10, 17), rng.int(0, 59));
  const nextDay = jstDateOfInstant(next.reportedAt);
  const again = addDays(decidedDay, rng.int(1, 5));
  m.rejections = [
    {
      completedDate: m.completedDate,
      evidenceUrl: evidenceUrl(measure, milestone, '-draft'),
      reportedAt: first.reportedAt,
      comment: rng.pick(REJECTION_COMMENTS),
      actorEmail: SAMPLE_SECRETARIAT_EMAIL,
      decidedAt,
    },
  ];
  m.completedDate = again < nextDay ? again : nextDay;
  m.evidenceUrl = evidenceUrl(measure, milestone);
  m.verification = null;
  first.completedMilestones = first.completedMilestones.filter((x) => x !== milestone);
  next.completedMilestones = [...next.completedMilestones, milestone].sort((a, b) => a - b);
  next.note = `「${m.titleJa}」について根拠資料を更新し、改めて完了を報告。${next.note}`;
  next.evidenceUrl ??= m.evidenceUrl;
}

export function addMilestoneEvidence(measures: readonly SeedMeasure[], referenceDate: string): void {
  const lastDay = addDays(referenceDate, -1);
  const pickRng = createRandom(mixSeed(EVIDENCE_SEED, 0));
  // A few rejections, in different ministries.
  const candidates = pickRng.shuffle(measures.flatMap(rejectionCandidates));
  const rejectedIn = new Set<string>();
  for (const candidate of candidates) {
    if (rejectedIn.size >= REJECTIONS || rejectedIn.has(candidate.measure.lead)) continue;
    reject(pickRng, candidate);
    rejectedIn.add(candidate.measure.lead);
  }

  measures.forEach((measure, i) => {
    const rng = createRandom(mixSeed(EVIDENCE_SEED, 1, i));
    measure.reports.forEach((report) => {
      for (const index of report.completedMilestones) {
        const m = measure.milestones[index];
        if (!m || m.rejections) continue;
        m.evidenceUrl = rng.chance(0.88) ? evidenceUrl(measure, index) : null;
        m.verification = null;
        if (!m.evidenceUrl) continue;
        const day = addDays(jstDateOfInstant(report.reportedAt), rng.int(3, 30));
        if (day <= lastDay && rng.chance(0.72)) {
          m.verification = {
            actorEmail: SAMPLE_SECRETARIAT_EMAIL,
            decidedAt: officeInstant(day, rng.int(10, 17), rng.int(0, 59)),
          };
        }
      }
    });
  });
}
