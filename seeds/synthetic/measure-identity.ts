import { FIELDS, MINISTRIES } from '../../common/taxonomy';
import type { FieldCode, InstrumentCode, MinistryCode, PillarCode } from '../../common/taxonomy';
import type { Random } from '../random';
import { FIELD_CODES, INSTRUMENT_WEIGHTS, LEAD_FIELDS, LEAD_WEIGHTS, MINISTRY_CODES, PILLAR_WEIGHTS } from './distributions';
import { syntheticCode } from './synthetic-codes';
import { DIVISIONS, GIVEN_NAMES, INSTRUMENT_NAMES, SURNAMES, TITLE_SUFFIXES, TITLE_TEMPLATES, TOPICS } from './word-lists';
import type { Pair } from './word-lists';

// Who and what a synthetic measure is: its ministries, classification, bilingual title and summary,
// and the people who report on it. Nothing here depends on time.

const MINISTRY_NAMES_JA = new Map<MinistryCode, string>(MINISTRIES.map((m) => [m.code, m.nameJa]));
const FIELD_NAMES = new Map<FieldCode, Pair>(FIELDS.map((f) => [f.code, [f.nameJa, f.nameEn]]));

export interface MeasureIdentity {
  code: string;
  lead: MinistryCode;
  coMinistries: MinistryCode[];
  /** First entry is the primary field. */
  fields: FieldCode[];
  pillar: PillarCode;
  instruments: InstrumentCode[];
  /** The primary field's topic the title is built on; milestone titles reuse it. */
  topic: Pair;
  titleJa: string;
  titleEn: string;
  summaryJa: string;
  summaryEn: string;
  /** The person who usually reports. */
  owner: string;
  ownerName: string;
  /** Who reports when the owner does not. */
  colleagues: string[];
}

/** Draws measure `number`'s identity. The order of the draws is part of the generated data. */
export function drawIdentity(rng: Random, number: number): MeasureIdentity {
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

  return {
    code,
    lead,
    coMinistries,
    fields,
    pillar,
    instruments,
    topic: [topicJa, topicEn],
    titleJa,
    titleEn,
    summaryJa,
    summaryEn,
    owner,
    ownerName,
    colleagues,
  };
}
