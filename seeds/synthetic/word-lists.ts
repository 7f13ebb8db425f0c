import type { FieldCode, InstrumentCode, ReportedHealthCode, StatusCode } from '../../common/taxonomy';

// Word lists of the synthetic generator. Titles are composed as "<field topic> × <instrument
// template>", so they read like real measure names in both languages and the search index gets
// realistic variety. Every list is read by position from a seeded PRNG: reordering or editing an
// entry changes every generated data set.

export type Pair = readonly [ja: string, en: string];

export const TOPICS: Record<FieldCode, readonly Pair[]> = {
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
export const TITLE_TEMPLATES: Record<InstrumentCode, readonly Pair[]> = {
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

export const TITLE_SUFFIXES: readonly Pair[] = [
  ['（第2期）', ' (Phase 2)'],
  ['（地域展開）', ' (regional rollout)'],
  ['（加速化）', ' (acceleration)'],
];

export const INSTRUMENT_NAMES: Record<InstrumentCode, Pair> = {
  investment: ['投資促進', 'investment promotion'],
  'global-expansion': ['国際展開支援', 'global expansion support'],
  talent: ['人材育成', 'talent development'],
  rnd: ['研究開発', 'research and development'],
  'industry-academia': ['産学連携', 'industry-academia collaboration'],
  standardization: ['国際標準化', 'international standardization'],
  procurement: ['官公庁調達', 'public procurement'],
  regulation: ['規制・制度改革', 'regulatory reform'],
};

export const MILESTONE_STEPS: readonly Pair[] = [
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
export const KPI_METRICS: readonly (readonly [min: number, max: number, phrase: (value: string) => Pair])[] = [
  [5, 60, (v) => [`実証プロジェクト${v}件`, `${v} demonstration projects`]],
  [20, 500, (v) => [`参加企業${v}社`, `${v} participating companies`]],
  [100, 5000, (v) => [`専門人材${v}人の育成`, `${v} specialists trained`]],
  [2, 20, (v) => [`国際標準提案${v}件`, `${v} international standard proposals`]],
  [10, 500, (v) => [`民間投資${v}0億円の誘発`, `¥${v} billion of private investment induced`]],
  [3, 80, (v) => [`社会実装${v}件`, `${v} deployments in service`]],
];

export const SURNAMES = [
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
export const GIVEN_NAMES = [
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
export const DIVISIONS = ['企画課', '政策課', '技術振興課', '国際課', '産業政策課', '研究開発課', '情報政策課', '総務課'];

export const NOTES: Record<StatusCode, readonly string[]> = {
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

export const HEALTH_NOTES: Record<ReportedHealthCode, string> = {
  on_track: '',
  at_risk: '一部工程に遅れが生じている。',
  off_track: '主要工程が遅延しており、計画を見直し中。',
};
