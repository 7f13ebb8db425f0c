import { addDays, daysBetween, isIsoDate } from '../../common/calendar';
import { FIELDS, MINISTRIES } from '../../common/taxonomy';
import type {
  FieldCode,
  InstrumentCode,
  MinistryCode,
  PillarCode,
  ReportedHealthCode,
  StatusCode,
} from '../../common/taxonomy';
import { createRandom, mixSeed } from '../random';
import type { Random } from '../random';
import type { SeedMeasure, SeedMilestone, SeedReport } from '../seed-types';

// Synthetic measures for scale testing (SPEC §7: 10,000 measures / 200,000 reports). Each measure is
// generated from its own PRNG, seeded by (run seed, measure number): measure 1234 is the same whether
// it comes from a run of 2,000 or an --append run starting at 1,001, and generating one never needs
// another, so the generator can stream any number of them in constant memory.
//
// The shape of the history is chosen to exercise the dashboard the way real data would: a health
// mix of about 60/25/15, about 15% of unfinished measures gone quiet (stale), milestones that slip,
// finish early or late, and completions recorded by the first report after them.

export interface SyntheticOptions {
  count: number;
  seed: number;
  /** "Today" for the data set (YYYY-MM-DD): every report is on an earlier day. */
  referenceDate: string;
  /** Number of the first measure (codes are `<LEAD>-S<number, 6 digits>`); default 1. */
  firstNumber?: number;
}

/** First day reports are written on (the tracker's go-live). */
export const SYNTHETIC_REPORTS_FROM = '2025-11-01';
/** The earliest reference date that leaves room for a history. */
export const SYNTHETIC_MIN_REFERENCE_DATE = '2025-12-01';
/** Highest measure number a six-digit code can hold. */
export const SYNTHETIC_MAX_NUMBER = 999_999;

/** Synthetic codes: the lead ministry, `-S` and six digits, unlike the sample data's `METI-0012`. */
export const SYNTHETIC_CODE_PATTERN = /^[A-Z]+-S(\d{6})$/;

export function syntheticCode(lead: MinistryCode, number: number): string {
  return `${lead.toUpperCase()}-S${String(number).padStart(6, '0')}`;
}

/** The number in a synthetic code, or null for any other code. */
export function syntheticNumberOf(code: string): number | null {
  const match = SYNTHETIC_CODE_PATTERN.exec(code);
  return match ? Number(match[1]) : null;
}

const DUE_FROM = '2025-10-01';
const DUE_UNTIL = '2028-03-31';
const REPORTING_CYCLE_DAYS = 30;
/** Mean reports per measure over a full history; later starts, stops and completions bring it to ≈20. */
const REPORTS_PER_FULL_HISTORY = [15, 29] as const;

// ---------------------------------------------------------------------------------------------
// Word lists. Titles are composed as "<field topic> × <instrument template>", so they read like
// real measure names in both languages and the search index gets realistic variety.

type Pair = readonly [ja: string, en: string];

const TOPICS: Record<FieldCode, readonly Pair[]> = {
  'ai-semiconductors': [
    ['次世代半導体', 'next-generation semiconductors'],
    ['生成AI基盤モデル', 'generative AI foundation models'],
    ['先端パッケージング技術', 'advanced packaging technology'],
    ['AIデータセンター', 'AI data centers'],
  ],
  shipbuilding: [
    ['次世代船舶', 'next-generation vessels'],
    ['ゼロエミッション船', 'zero-emission ships'],
    ['造船所のデジタル化', 'shipyard digitalization'],
    ['舶用エンジン', 'marine engines'],
  ],
  quantum: [
    ['量子コンピュータ', 'quantum computers'],
    ['量子暗号通信', 'quantum cryptographic communication'],
    ['量子センサ', 'quantum sensors'],
    ['量子ソフトウェア', 'quantum software'],
  ],
  synbio: [
    ['バイオものづくり', 'biomanufacturing'],
    ['ゲノム編集作物', 'genome-edited crops'],
    ['合成生物学基盤', 'synthetic biology platforms'],
    ['バイオ由来素材', 'bio-based materials'],
  ],
  aerospace: [
    ['小型衛星コンステレーション', 'small satellite constellations'],
    ['次世代航空機', 'next-generation aircraft'],
    ['宇宙輸送システム', 'space transportation systems'],
    ['持続可能な航空燃料', 'sustainable aviation fuel'],
  ],
  'digital-cyber': [
    ['サイバーセキュリティ', 'cybersecurity'],
    ['ガバメントクラウド', 'government cloud'],
    ['データ連携基盤', 'data-sharing platforms'],
    ['能動的サイバー防御', 'active cyber defense'],
  ],
  content: [
    ['アニメ・ゲーム', 'anime and games'],
    ['映像コンテンツ', 'film and video content'],
    ['クリエイターエコノミー', 'the creator economy'],
    ['コンテンツIP', 'content IP'],
  ],
  foodtech: [
    ['代替タンパク質', 'alternative proteins'],
    ['スマート農業', 'smart agriculture'],
    ['陸上養殖', 'land-based aquaculture'],
    ['食品ロス削減技術', 'food-loss reduction technology'],
  ],
  'energy-gx': [
    ['次世代革新炉', 'advanced nuclear reactors'],
    ['洋上風力発電', 'offshore wind power'],
    ['水素・アンモニア', 'hydrogen and ammonia'],
    ['ペロブスカイト太陽電池', 'perovskite solar cells'],
    ['蓄電池', 'storage batteries'],
  ],
  resilience: [
    ['防災デジタル', 'disaster-response digital tools'],
    ['インフラ老朽化対策', 'aging infrastructure renewal'],
    ['線状降水帯予測', 'linear rainband forecasting'],
    ['耐震技術', 'seismic technology'],
  ],
  'drug-discovery': [
    ['創薬スタートアップ', 'drug-discovery startups'],
    ['再生医療', 'regenerative medicine'],
    ['バイオ医薬品', 'biopharmaceuticals'],
    ['医療AI', 'medical AI'],
  ],
  fusion: [
    ['フュージョンエネルギー', 'fusion energy'],
    ['核融合原型炉', 'fusion prototype reactors'],
    ['超伝導コイル', 'superconducting coils'],
    ['ブランケット技術', 'blanket technology'],
  ],
  materials: [
    ['重要鉱物', 'critical minerals'],
    ['レアアース代替材料', 'rare-earth substitute materials'],
    ['先端部素材', 'advanced components and materials'],
    ['資源循環', 'resource circulation'],
  ],
  'port-logistics': [
    ['カーボンニュートラルポート', 'carbon-neutral ports'],
    ['港湾物流デジタル化', 'port logistics digitalization'],
    ['自動化コンテナターミナル', 'automated container terminals'],
    ['国際コンテナ戦略港湾', 'strategic international container ports'],
  ],
  defense: [
    ['防衛装備品', 'defense equipment'],
    ['防衛産業基盤', 'the defense industrial base'],
    ['デュアルユース技術', 'dual-use technology'],
    ['無人機', 'unmanned systems'],
  ],
  ict: [
    ['Beyond 5G', 'Beyond 5G'],
    ['光電融合技術', 'photonics-electronics convergence'],
    ['海底ケーブル', 'submarine cables'],
    ['非地上系ネットワーク', 'non-terrestrial networks'],
  ],
  ocean: [
    ['海洋資源開発', 'marine resource development'],
    ['自律型無人探査機', 'autonomous underwater vehicles'],
    ['海洋観測', 'ocean observation'],
    ['洋上浮体技術', 'floating offshore technology'],
  ],
};

/** `{t}` is replaced by the topic. */
const TITLE_TEMPLATES: Record<InstrumentCode, readonly Pair[]> = {
  investment: [
    ['{t}への設備投資促進事業', 'Capital investment promotion for {t}'],
    ['{t}の国内生産拠点整備支援', 'Domestic production sites for {t}'],
  ],
  'global-expansion': [
    ['{t}の海外展開支援', 'Overseas expansion support for {t}'],
    ['{t}に関する国際共同プロジェクト', 'International joint projects on {t}'],
  ],
  talent: [
    ['{t}人材育成プログラム', 'Talent development program for {t}'],
    ['{t}分野の専門人材確保', 'Securing specialists in {t}'],
  ],
  rnd: [
    ['{t}の研究開発プロジェクト', 'R&D project on {t}'],
    ['{t}の実証・社会実装事業', 'Demonstration and deployment of {t}'],
  ],
  'industry-academia': [
    ['{t}の産学連携拠点形成', 'Industry-academia hub for {t}'],
    ['{t}の大学発スタートアップ創出', 'University spin-offs in {t}'],
  ],
  standardization: [
    ['{t}の国際標準化推進', 'International standardization of {t}'],
    ['{t}に係るルール形成戦略', 'Rule-making strategy for {t}'],
  ],
  procurement: [
    ['{t}の政府調達・初期需要創出', 'Government procurement and early demand for {t}'],
    ['{t}の官民調達連携', 'Public-private procurement partnership for {t}'],
  ],
  regulation: [
    ['{t}に関する規制・制度改革', 'Regulatory reform for {t}'],
    ['{t}の早期実用化に向けた制度整備', 'Framework for early deployment of {t}'],
  ],
};

const TITLE_SUFFIXES: readonly Pair[] = [
  ['（第2期）', ' (Phase 2)'],
  ['（地域展開）', ' (regional rollout)'],
  ['（加速化）', ' (acceleration)'],
];

const INSTRUMENT_NAMES: Record<InstrumentCode, Pair> = {
  investment: ['投資促進', 'investment promotion'],
  'global-expansion': ['国際展開支援', 'global expansion support'],
  talent: ['人材育成', 'talent development'],
  rnd: ['研究開発', 'research and development'],
  'industry-academia': ['産学連携', 'industry-academia collaboration'],
  standardization: ['国際標準化', 'international standardization'],
  procurement: ['官公庁調達', 'public procurement'],
  regulation: ['規制・制度改革', 'regulatory reform'],
};

const MILESTONE_STEPS: readonly Pair[] = [
  ['有識者検討会の設置', 'Expert panel set up'],
  ['基本方針の策定', 'Basic policy adopted'],
  ['予算要求', 'Budget request submitted'],
  ['公募開始', 'Call for proposals opened'],
  ['採択決定', 'Grantees selected'],
  ['実証事業の開始', 'Demonstration started'],
  ['中間評価', 'Mid-term review'],
  ['関係法令の改正', 'Regulations amended'],
  ['国際会合での提案', 'Proposal at an international meeting'],
  ['ガイドライン公表', 'Guidelines published'],
  ['事業者との協定締結', 'Agreements with companies signed'],
  ['成果報告書の公表', 'Results report published'],
  ['本格運用開始', 'Full operation started'],
  ['フォローアップ調査', 'Follow-up survey'],
];

/** A KPI phrase for a value drawn from [min, max], ending "by FY…" (added by the caller). */
const KPI_METRICS: readonly (readonly [min: number, max: number, phrase: (value: string) => Pair])[] = [
  [5, 60, (v) => [`実証プロジェクト${v}件`, `${v} demonstration projects`]],
  [20, 500, (v) => [`参加企業${v}社`, `${v} participating companies`]],
  [100, 5000, (v) => [`専門人材${v}人の育成`, `${v} specialists trained`]],
  [2, 20, (v) => [`国際標準提案${v}件`, `${v} international standard proposals`]],
  [10, 500, (v) => [`民間投資${v}0億円の誘発`, `¥${v} billion of private investment induced`]],
  [3, 80, (v) => [`社会実装${v}件`, `${v} deployments in service`]],
];

const SURNAMES = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '松本',
  '井上',
  '木村',
  '林',
  '清水',
  '山崎',
  '森',
  '池田',
];
const GIVEN_NAMES = [
  '健一',
  '直樹',
  '裕子',
  '美穂',
  '大輔',
  '恵',
  '拓也',
  '由美',
  '誠',
  '真理',
  '翔太',
  '千尋',
  '浩二',
  '綾',
  '隆',
  '奈々',
];
const DIVISIONS = ['企画課', '政策課', '技術振興課', '国際課', '産業政策課', '研究開発課', '情報政策課', '総務課'];

const NOTES: Record<StatusCode, readonly string[]> = {
  not_started: ['予算措置に向けて関係部局と調整中。', '事業開始に向けた準備を進めている。', '関係省庁との事前協議を開始予定。'],
  planning: [
    '有識者検討会を開催し論点を整理した。',
    '制度設計の骨子案を作成中。',
    '関係省庁と役割分担を協議した。',
    '事業者ヒアリングを実施した。',
  ],
  in_progress: [
    '公募を実施し採択先を決定した。',
    '実証事業を順次実施している。',
    '事業者との定例会議で進捗を確認した。',
    '中間成果を取りまとめ中。',
    '関係機関と連携して事業を推進中。',
  ],
  completed: ['全てのマイルストーンを達成し、事業を完了した。', '所期の目標を達成し事業を終了した。'],
  suspended: ['予算措置の見直しに伴い一時休止。', '制度見直しの議論を踏まえ一時休止。', '関係機関との調整が整うまで休止。'],
};

const HEALTH_NOTES: Record<ReportedHealthCode, string> = {
  on_track: '',
  at_risk: '一部工程に遅れが生じている。',
  off_track: '主要工程が遅延しており、計画を見直し中。',
};

// ---------------------------------------------------------------------------------------------
// Distributions

const LEAD_WEIGHTS: readonly (readonly [MinistryCode, number])[] = [
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
const LEAD_FIELDS: Record<MinistryCode, readonly FieldCode[]> = {
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

const PILLAR_WEIGHTS: readonly (readonly [PillarCode, number])[] = [
  ['startup-finance', 3],
  ['procurement-demand', 3],
  ['rnd-seeds', 4],
  ['university-clusters', 2],
  ['st-diplomacy', 1],
  ['cross-cutting', 2],
];

const INSTRUMENT_WEIGHTS: readonly (readonly [InstrumentCode, number])[] = [
  ['investment', 4],
  ['global-expansion', 2],
  ['talent', 3],
  ['rnd', 5],
  ['industry-academia', 2],
  ['standardization', 2],
  ['procurement', 2],
  ['regulation', 3],
];

const HEALTH_WEIGHTS: readonly (readonly [ReportedHealthCode, number])[] = [
  ['on_track', 60],
  ['at_risk', 25],
  ['off_track', 15],
];

/** Delay of a milestone's completion after its (current) due date, in days, by the measure's health. */
const COMPLETION_DELAY: Record<ReportedHealthCode, readonly [number, number]> = {
  on_track: [-25, 7],
  at_risk: [-10, 35],
  off_track: [0, 80],
};
const SLIP_CHANCE: Record<ReportedHealthCode, number> = { on_track: 0.14, at_risk: 0.28, off_track: 0.4 };

const TARGET_DATES: readonly (readonly [string, number])[] = [
  ['2026-03-31', 1],
  ['2026-09-30', 2],
  ['2027-03-31', 5],
  ['2027-09-30', 2],
  ['2028-03-31', 4],
];

const FIELD_CODES: readonly FieldCode[] = FIELDS.map((f) => f.code);
const MINISTRY_CODES: readonly MinistryCode[] = MINISTRIES.map((m) => m.code);
const MINISTRY_NAMES_JA = new Map<MinistryCode, string>(MINISTRIES.map((m) => [m.code, m.nameJa]));
const FIELD_NAMES = new Map<FieldCode, Pair>(FIELDS.map((f) => [f.code, [f.nameJa, f.nameEn]]));

// ---------------------------------------------------------------------------------------------
// Days as integers: a Monday epoch makes the weekday `day % 7` and keeps the hot loops free of
// string dates.

const EPOCH = '2025-01-06'; // a Monday
const dayOf = (date: string): number => daysBetween(EPOCH, date);
const dateOfDay = (day: number): string => addDays(EPOCH, day);
const isWeekend = (day: number): boolean => day % 7 >= 5;
const weekdayOnOrAfter = (day: number): number => (isWeekend(day) ? day + (7 - (day % 7)) : day);
const weekdayOnOrBefore = (day: number): number => (isWeekend(day) ? day - ((day % 7) - 4) : day);

/** An instant during office hours in Japan (09:00–18:00 JST = 00:00–09:00 UTC the same date). */
function officeInstant(rng: Random, day: number): string {
  const ms = Date.parse(`${dateOfDay(day)}T00:00:00.000Z`) + rng.int(0, 9 * 60 - 1) * 60_000 + rng.int(0, 59) * 1000;
  return new Date(ms).toISOString();
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// ---------------------------------------------------------------------------------------------

interface Context {
  rng: Random;
  referenceDay: number;
  /** Days in a full history: from go-live to the day before the reference date. */
  fullSpan: number;
  /** 0 at go-live, 1 after a year: how far measures have had time to get. */
  maturity: number;
}

/** Lifecycle status of each of `n` reports, ending in `final`. */
function statusSequence(rng: Random, n: number, final: StatusCode): StatusCode[] {
  const out: StatusCode[] = [];
  const fill = (status: StatusCode, count: number): void => {
    for (let i = 0; i < count; i++) out.push(status);
  };
  // not_started → planning → in_progress over `len` reports, stopping at `reach`.
  const climb = (len: number, reach: 'planning' | 'in_progress'): void => {
    if (len <= 0) return;
    const notStarted = len > 2 && rng.chance(0.3) ? rng.int(1, Math.min(2, len - 2)) : 0;
    fill('not_started', notStarted);
    const rest = len - notStarted;
    if (reach === 'planning') return fill('planning', rest);
    const planning = rest > 1 ? rng.int(1, Math.max(1, Math.min(rest - 1, Math.round(rest * 0.4)))) : 0;
    fill('planning', planning);
    const active = rest - planning;
    // A few measures pause on the way (budget review, a legal question) and resume.
    if (active >= 6 && rng.chance(0.05)) {
      const at = rng.int(2, active - 3);
      const pause = rng.int(1, 2);
      fill('in_progress', at);
      fill('suspended', pause);
      fill('in_progress', active - at - pause);
    } else {
      fill('in_progress', active);
    }
  };
  switch (final) {
    case 'not_started':
      fill('not_started', n);
      break;
    case 'planning':
      climb(n, 'planning');
      break;
    case 'in_progress':
      climb(n, 'in_progress');
      break;
    case 'completed':
      climb(n - 1, 'in_progress');
      fill('completed', 1);
      break;
    case 'suspended': {
      const suspended = n > 1 ? rng.int(1, Math.min(3, n - 1)) : 1;
      climb(n - suspended, rng.chance(0.7) ? 'in_progress' : 'planning');
      fill('suspended', suspended);
      break;
    }
  }
  return out;
}

/** Health of each report: the final one is `final`; earlier ones drift one step at a time. */
function healthSequence(rng: Random, n: number, final: ReportedHealthCode): ReportedHealthCode[] {
  const order: readonly ReportedHealthCode[] = ['on_track', 'at_risk', 'off_track'];
  const out: ReportedHealthCode[] = new Array<ReportedHealthCode>(n);
  let current = final;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = current;
    if (rng.chance(0.15)) {
      const at = order.indexOf(current);
      const step = at === 0 ? 1 : at === order.length - 1 ? -1 : rng.pick([-1, 1]);
      current = order[at + step] ?? current;
    }
  }
  return out;
}

/** Report days: weekdays from `first` to `last` (both reported on), about `cadence` days apart. */
function reportDays(rng: Random, first: number, last: number, cadence: number): number[] {
  if (last <= first) return [first];
  const n = 1 + Math.max(1, Math.round((last - first) / cadence));
  const slot = (last - first) / (n - 1);
  const days = [first];
  for (let i = 1; i < n - 1; i++) {
    const jitter = Math.round((rng.next() - 0.5) * 0.7 * slot);
    const previous = days[days.length - 1] ?? first;
    const day = weekdayOnOrAfter(Math.max(previous + 1, Math.round(first + slot * i) + jitter));
    if (day < last) days.push(day);
  }
  days.push(last);
  return days;
}

function generateOne(number: number, ctx: Context): SeedMeasure {
  const { rng, referenceDay, fullSpan, maturity } = ctx;
  const goLive = dayOf(SYNTHETIC_REPORTS_FROM);
  const lastReportable = referenceDay - 1;

  // Who and what.
  const lead = rng.weighted(LEAD_WEIGHTS);
  const primary = rng.chance(0.8) ? rng.pick(LEAD_FIELDS[lead]) : rng.pick(FIELD_CODES);
  const fieldCount = rng.weighted([
    [1, 55],
    [2, 33],
    [3, 12],
  ] as const);
  const fields = [
    primary,
    ...rng.sample(
      FIELD_CODES.filter((f) => f !== primary),
      fieldCount - 1,
    ),
  ];
  const coCount = rng.weighted([
    [0, 35],
    [1, 35],
    [2, 20],
    [3, 10],
  ] as const);
  const coMinistries = rng.sample(
    MINISTRY_CODES.filter((m) => m !== lead),
    coCount,
  );
  const pillar = rng.weighted(PILLAR_WEIGHTS);
  const instrumentCount = rng.weighted([
    [1, 40],
    [2, 40],
    [3, 20],
  ] as const);
  const instruments: InstrumentCode[] = [];
  while (instruments.length < instrumentCount) {
    const candidate = rng.weighted(INSTRUMENT_WEIGHTS);
    if (!instruments.includes(candidate)) instruments.push(candidate);
  }
  const code = syntheticCode(lead, number);

  const [topicJa, topicEn] = rng.pick(TOPICS[primary]);
  const [templateJa, templateEn] = rng.pick(TITLE_TEMPLATES[instruments[0] ?? 'rnd']);
  const [suffixJa, suffixEn] = rng.chance(0.15) ? rng.pick(TITLE_SUFFIXES) : ['', ''];
  const titleJa = templateJa.replace('{t}', topicJa) + suffixJa;
  const titleEnRaw = templateEn.replace('{t}', topicEn) + suffixEn;
  const titleEn = titleEnRaw.charAt(0).toUpperCase() + titleEnRaw.slice(1);
  const [fieldJa, fieldEn] = FIELD_NAMES.get(primary) ?? [primary, primary];
  const instrumentJa = instruments.map((i) => INSTRUMENT_NAMES[i][0]).join('・');
  const instrumentEn = instruments.map((i) => INSTRUMENT_NAMES[i][1]).join(', ');
  const summaryJa = `${fieldJa}分野において、${topicJa}に関する${instrumentJa}の取組を関係府省と連携して進める。（スケール試験用の合成データ）`;
  const summaryEn = `Advances ${instrumentEn} for ${topicEn} in ${fieldEn}, with the ministries concerned. (Synthetic data for scale testing.)`;

  const person = (): string => `${rng.pick(SURNAMES)} ${rng.pick(GIVEN_NAMES)}`;
  const owner = person();
  const ownerName = `${MINISTRY_NAMES_JA.get(lead) ?? lead} ${rng.pick(DIVISIONS)} ${owner}`;
  const colleagues = [person(), person()];

  // Lifecycle plan: where the measure ends up, how healthy it is, and whether it has gone quiet.
  const finalHealth = rng.weighted(HEALTH_WEIGHTS);
  let finalStatus = rng.weighted<StatusCode>([
    ['not_started', 8 - 5 * maturity],
    ['planning', 30 - 12 * maturity],
    ['in_progress', 52],
    ['completed', 12 * maturity],
    ['suspended', 4 + 2 * maturity],
  ]);

  // Most measures date from the strategy's launch in October 2025; some were added later.
  const lateAddition = lastReportable - goLive > 90 && rng.chance(0.12);
  const createdDay = weekdayOnOrAfter(lateAddition ? rng.int(goLive, lastReportable - 60) : dayOf(DUE_FROM) + rng.int(0, 29));
  const firstDay = Math.min(
    weekdayOnOrAfter(lateAddition ? createdDay + rng.int(3, 14) : Math.max(createdDay + 3, goLive + rng.int(0, 14))),
    weekdayOnOrBefore(lastReportable),
  );
  const available = lastReportable - firstDay;

  let stale = finalStatus !== 'completed' && rng.chance(0.15);
  let lastDay: number;
  if (finalStatus === 'completed' && available >= 30) {
    lastDay = firstDay + rng.int(Math.ceil(available * 0.45), available);
  } else if (stale && available >= 31 + 5) {
    lastDay = referenceDay - rng.int(31, Math.min(110, available));
  } else {
    stale = false;
    if (finalStatus === 'completed') finalStatus = 'in_progress';
    lastDay = referenceDay - rng.int(1, Math.min(18, Math.max(1, available)));
  }
  lastDay = Math.max(firstDay, weekdayOnOrBefore(lastDay));

  const target = rng.int(REPORTS_PER_FULL_HISTORY[0], REPORTS_PER_FULL_HISTORY[1]);
  const cadence = Math.max(3, fullSpan / target);
  const days = reportDays(rng, firstDay, lastDay, cadence);
  if (finalStatus === 'completed' && days.length < 3) finalStatus = 'in_progress';
  const statuses = statusSequence(rng, days.length, finalStatus);
  const healths = healthSequence(rng, days.length, finalHealth);

  // Milestones, planned between the start and the target date.
  const startDay = createdDay;
  // An unfinished measure aims at a date still ahead; a finished one was planned to end near when it did.
  const futureTargets = TARGET_DATES.filter(([date]) => dayOf(date) > referenceDay + 30);
  const targetDay =
    finalStatus === 'completed'
      ? clamp(lastDay + rng.int(-20, 60), startDay + 60, dayOf(DUE_UNTIL))
      : futureTargets.length > 0
        ? Math.max(dayOf(rng.weighted(futureTargets)), startDay + 120)
        : Math.max(dayOf(DUE_UNTIL), referenceDay + 90);
  const milestoneCount = rng.weighted([
    [2, 10],
    [3, 20],
    [4, 25],
    [5, 20],
    [6, 12],
    [7, 8],
    [8, 5],
  ] as const);
  const planFrom = startDay + rng.int(5, 45);
  const slot = Math.max(1, targetDay - planFrom) / (milestoneCount - 1);
  const baselineDays: number[] = [];
  for (let i = 0; i < milestoneCount; i++) {
    const base = i === milestoneCount - 1 ? targetDay : Math.round(planFrom + slot * i + (rng.next() - 0.5) * 0.5 * slot);
    baselineDays.push(clamp(base, dayOf(DUE_FROM), dayOf(DUE_UNTIL)));
  }
  baselineDays.sort((a, b) => a - b);
  // MILESTONE_STEPS is in the order policy work happens; keeping it makes each plan read sensibly.
  const steps = rng
    .sample(MILESTONE_STEPS, milestoneCount)
    .sort((a, b) => MILESTONE_STEPS.indexOf(a) - MILESTONE_STEPS.indexOf(b));
  const milestones: SeedMilestone[] = baselineDays.map((baseline, i) => {
    const slip = rng.chance(SLIP_CHANCE[finalHealth]) ? rng.int(14, 150) : 0;
    const due = Math.min(baseline + slip, dayOf(DUE_UNTIL));
    const [stepJa, stepEn] = steps[i] ?? ['マイルストーン', 'Milestone'];
    return {
      titleJa: `${topicJa}：${stepJa}`,
      titleEn: `${stepEn} (${topicEn})`,
      baselineDueDate: dateOfDay(baseline),
      dueDate: dateOfDay(due),
      weight: rng.weighted([
        [1, 80],
        [2, 14],
        [3, 6],
      ] as const),
      completedDate: null,
    };
  });

  // Completions: each milestone done around its due date (later when the measure is unhealthy) and
  // recorded by the first report on or after that day whose status allows work.
  const canComplete = (status: StatusCode | undefined): boolean =>
    status === 'planning' || status === 'in_progress' || status === 'completed';
  const completedBy: number[][] = days.map(() => []);
  const lastIndex = days.length - 1;
  milestones.forEach((milestone, index) => {
    const [early, late] = COMPLETION_DELAY[finalHealth];
    let doneDay = Math.max(createdDay, dayOf(milestone.dueDate) + rng.int(early, late));
    if (finalStatus === 'completed') {
      // A finished measure finished everything, by its closing report at the latest.
      const previous = days[lastIndex - 1] ?? firstDay;
      if (doneDay > lastDay) doneDay = rng.int(Math.min(previous + 1, lastDay), lastDay);
    } else if (finalHealth === 'off_track' && rng.chance(0.2)) {
      return;
    }
    let at = days.findIndex((day) => day >= doneDay);
    if (at < 0) return;
    if (!canComplete(statuses[at])) {
      // Work waited for the measure to be under way: completed on the day that was reported.
      at = statuses.findIndex((status, i) => i > at && canComplete(status));
      if (at < 0) return;
      doneDay = days[at] ?? doneDay;
    }
    milestone.completedDate = dateOfDay(doneDay);
    completedBy[at]?.push(index);
  });

  const reports: SeedReport[] = days.map((day, i) => {
    const status = statuses[i] ?? 'in_progress';
    const health = healths[i] ?? finalHealth;
    const done = completedBy[i] ?? [];
    const doneNote = done.map((index) => `「${steps[index]?.[0] ?? 'マイルストーン'}」を完了。`).join('');
    return {
      reportedAt: officeInstant(rng, day),
      reporter: rng.chance(0.7) ? owner : rng.pick(colleagues),
      status,
      health,
      note: `${doneNote}${rng.pick(NOTES[status])}${status === 'completed' ? '' : HEALTH_NOTES[health]}`,
      evidenceUrl: rng.chance(0.3) ? `https://www.${lead}.example/measures/${code.toLowerCase()}/${dateOfDay(day)}` : null,
      completedMilestones: done,
    };
  });

  const [kpiMin, kpiMax, kpiPhrase] = rng.pick(KPI_METRICS);
  const [kpiPhraseJa, kpiPhraseEn] = kpiPhrase(rng.int(kpiMin, kpiMax).toLocaleString('en-US'));
  const kpiYear = Number(dateOfDay(targetDay).slice(0, 4)) - (dateOfDay(targetDay).slice(5) <= '03-31' ? 1 : 0);
  const hasBudget = rng.chance(0.65);
  const createdDate = dateOfDay(createdDay);
  const createdFiscalYear = Number(createdDate.slice(0, 4)) - (createdDate.slice(5) < '04-01' ? 1 : 0);

  return {
    code,
    titleJa,
    titleEn,
    summaryJa,
    summaryEn,
    lead,
    coMinistries,
    fields,
    pillar,
    instruments,
    startDate: dateOfDay(startDay),
    targetDate: dateOfDay(targetDay),
    // Log-uniform between 1 and about 2,000 億円: many small lines, a few large programmes.
    budgetYen: hasBudget ? Math.round(10 ** (rng.next() * 3.3)) * 100_000_000 : null,
    budgetFiscalYear: hasBudget ? createdFiscalYear + (rng.chance(0.3) ? 1 : 0) : null,
    ownerName,
    kpiJa: `${kpiYear}年度までに${kpiPhraseJa}`,
    kpiEn: `${kpiPhraseEn} by FY${kpiYear}`,
    reportingCycleDays: REPORTING_CYCLE_DAYS,
    createdAt: officeInstant(rng, createdDay),
    milestones,
    reports,
  };
}

/**
 * Streams `count` synthetic measures numbered from `firstNumber`, deterministic in `seed`,
 * `referenceDate` and each measure's number. Throws RangeError on options it cannot honour.
 */
export function* generateSyntheticMeasures(options: SyntheticOptions): Generator<SeedMeasure> {
  const { count, seed, referenceDate, firstNumber = 1 } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(firstNumber) || firstNumber < 1) throw new RangeError(`firstNumber must be ≥ 1, got ${firstNumber}`);
  if (firstNumber + count - 1 > SYNTHETIC_MAX_NUMBER) {
    throw new RangeError(`synthetic codes stop at S${SYNTHETIC_MAX_NUMBER}; ${count} measures from ${firstNumber} would pass it`);
  }
  if (!isIsoDate(referenceDate)) throw new RangeError(`referenceDate must be a date (YYYY-MM-DD), got "${referenceDate}"`);
  if (referenceDate < SYNTHETIC_MIN_REFERENCE_DATE) {
    throw new RangeError(
      `referenceDate must be ${SYNTHETIC_MIN_REFERENCE_DATE} or later (reports start ${SYNTHETIC_REPORTS_FROM})`,
    );
  }
  const referenceDay = dayOf(referenceDate);
  const fullSpan = referenceDay - 1 - dayOf(SYNTHETIC_REPORTS_FROM);
  const maturity = clamp(fullSpan / 365, 0, 1);
  for (let number = firstNumber; number < firstNumber + count; number++) {
    yield generateOne(number, { rng: createRandom(mixSeed(seed, number)), referenceDay, fullSpan, maturity });
  }
}
