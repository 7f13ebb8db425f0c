// The fixed vocabularies of docs/product.md §2. Codes are the stable identifiers used in URLs and API filters;
// the lists below are also what the seed writes into the taxonomy tables.

export const STATUS_CODES = ['not_started', 'planning', 'in_progress', 'completed', 'suspended'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

// Reported health (RAG). `stale` is derived, never reported: see derived-figures.ts.
export const REPORTED_HEALTH_CODES = ['on_track', 'at_risk', 'off_track'] as const;
export type ReportedHealthCode = (typeof REPORTED_HEALTH_CODES)[number];
export const HEALTH_CODES = [...REPORTED_HEALTH_CODES, 'stale'] as const;
export type HealthCode = (typeof HEALTH_CODES)[number];

export interface TaxonomyItem<C extends string = string> {
  code: C;
  nameJa: string;
  nameEn: string;
}

export const STATUSES: readonly TaxonomyItem<StatusCode>[] = [
  { code: 'not_started', nameJa: '未着手', nameEn: 'Not started' },
  { code: 'planning', nameJa: '検討中', nameEn: 'Planning' },
  { code: 'in_progress', nameJa: '実施中', nameEn: 'In progress' },
  { code: 'completed', nameJa: '完了', nameEn: 'Completed' },
  { code: 'suspended', nameJa: '休止', nameEn: 'Suspended' },
];

export const HEALTHS: readonly TaxonomyItem<HealthCode>[] = [
  { code: 'on_track', nameJa: '順調', nameEn: 'On track' },
  { code: 'at_risk', nameJa: '要注意', nameEn: 'At risk' },
  { code: 'off_track', nameJa: '遅延', nameEn: 'Off track' },
  { code: 'stale', nameJa: '未更新', nameEn: 'Stale' },
];

export const FIELDS = [
  { code: 'ai-semiconductors', nameJa: 'AI・半導体', nameEn: 'AI & Semiconductors' },
  { code: 'shipbuilding', nameJa: '造船', nameEn: 'Shipbuilding' },
  { code: 'quantum', nameJa: '量子', nameEn: 'Quantum' },
  { code: 'synbio', nameJa: '合成生物学・バイオ', nameEn: 'Synthetic Biology & Bio' },
  { code: 'aerospace', nameJa: '航空・宇宙', nameEn: 'Aviation & Space' },
  { code: 'digital-cyber', nameJa: 'デジタル・サイバーセキュリティ', nameEn: 'Digital & Cybersecurity' },
  { code: 'content', nameJa: 'コンテンツ', nameEn: 'Content' },
  { code: 'foodtech', nameJa: 'フードテック', nameEn: 'Food Tech' },
  { code: 'energy-gx', nameJa: '資源・エネルギー安全保障・GX', nameEn: 'Resource & Energy Security / GX' },
  { code: 'resilience', nameJa: '防災・国土強靱化', nameEn: 'Disaster Prevention & National Resilience' },
  { code: 'drug-discovery', nameJa: '創薬・先端医療', nameEn: 'Drug Discovery & Advanced Medicine' },
  { code: 'fusion', nameJa: 'フュージョンエネルギー', nameEn: 'Fusion Energy' },
  { code: 'materials', nameJa: 'マテリアル（重要鉱物・部素材）', nameEn: 'Materials (Critical Minerals & Components)' },
  { code: 'port-logistics', nameJa: '港湾ロジスティクス', nameEn: 'Port Logistics' },
  { code: 'defense', nameJa: '防衛産業', nameEn: 'Defense Industry' },
  { code: 'ict', nameJa: '情報通信', nameEn: 'Information & Communications' },
  { code: 'ocean', nameJa: '海洋', nameEn: 'Ocean' },
] as const satisfies readonly TaxonomyItem[];
export type FieldCode = (typeof FIELDS)[number]['code'];

export const MINISTRIES = [
  { code: 'cas', nameJa: '内閣官房', nameEn: 'Cabinet Secretariat' },
  { code: 'cao', nameJa: '内閣府', nameEn: 'Cabinet Office' },
  { code: 'digital', nameJa: 'デジタル庁', nameEn: 'Digital Agency' },
  { code: 'mic', nameJa: '総務省', nameEn: 'Ministry of Internal Affairs and Communications' },
  { code: 'mofa', nameJa: '外務省', nameEn: 'Ministry of Foreign Affairs' },
  { code: 'mof', nameJa: '財務省', nameEn: 'Ministry of Finance' },
  { code: 'mext', nameJa: '文部科学省', nameEn: 'Ministry of Education, Culture, Sports, Science and Technology' },
  { code: 'mhlw', nameJa: '厚生労働省', nameEn: 'Ministry of Health, Labour and Welfare' },
  { code: 'maff', nameJa: '農林水産省', nameEn: 'Ministry of Agriculture, Forestry and Fisheries' },
  { code: 'meti', nameJa: '経済産業省', nameEn: 'Ministry of Economy, Trade and Industry' },
  { code: 'mlit', nameJa: '国土交通省', nameEn: 'Ministry of Land, Infrastructure, Transport and Tourism' },
  { code: 'env', nameJa: '環境省', nameEn: 'Ministry of the Environment' },
  { code: 'mod', nameJa: '防衛省', nameEn: 'Ministry of Defense' },
  { code: 'fsa', nameJa: '金融庁', nameEn: 'Financial Services Agency' },
] as const satisfies readonly TaxonomyItem[];
export type MinistryCode = (typeof MINISTRIES)[number]['code'];

export const PILLARS = [
  { code: 'startup-finance', nameJa: 'スタートアップ・ファイナンス整備', nameEn: 'Startups & Finance' },
  {
    code: 'procurement-demand',
    nameJa: '防衛調達を含む官公庁調達・新たな需要・市場創出',
    nameEn: 'Public Procurement (incl. Defense) & New Demand Creation',
  },
  {
    code: 'rnd-seeds',
    nameJa: '研究開発法人等の技術シーズの社会実装',
    nameEn: 'Deploying Technology Seeds of National R&D Agencies',
  },
  {
    code: 'university-clusters',
    nameJa: 'イノベーションの中核となる大学群の形成',
    nameEn: 'Building Research Universities as Innovation Hubs',
  },
  { code: 'st-diplomacy', nameJa: '科学技術外交', nameEn: 'Science & Technology Diplomacy' },
  { code: 'cross-cutting', nameJa: '全体・横断', nameEn: 'Overall & Cross-cutting' },
] as const satisfies readonly TaxonomyItem[];
export type PillarCode = (typeof PILLARS)[number]['code'];

export const INSTRUMENTS = [
  { code: 'investment', nameJa: '投資促進', nameEn: 'Investment Promotion' },
  { code: 'global-expansion', nameJa: '国際展開支援', nameEn: 'Global Expansion Support' },
  { code: 'talent', nameJa: '人材育成', nameEn: 'Talent Development' },
  { code: 'rnd', nameJa: '研究開発', nameEn: 'Research & Development' },
  { code: 'industry-academia', nameJa: '産学連携', nameEn: 'Industry-Academia Collaboration' },
  { code: 'standardization', nameJa: '国際標準化', nameEn: 'International Standardization' },
  { code: 'procurement', nameJa: '官公庁調達（防衛調達を含む）', nameEn: 'Public Procurement (incl. Defense)' },
  { code: 'regulation', nameJa: '規制・制度改革', nameEn: 'Regulatory & Institutional Reform' },
] as const satisfies readonly TaxonomyItem[];
export type InstrumentCode = (typeof INSTRUMENTS)[number]['code'];

export interface DeadlineDefinition extends TaxonomyItem {
  date: string;
}

// Default deadlines written by the seed when absent. Operators add or change deadlines in the
// `deadlines` table (see README); the server always reads them from the database.
export const DEFAULT_DEADLINES: readonly DeadlineDefinition[] = [
  { code: 'roadmap-2026', nameJa: '官民投資ロードマップ提示', nameEn: 'Public-private investment roadmaps', date: '2026-04-30' },
  { code: 'summer-2026', nameJa: '成長戦略策定（2026年夏）', nameEn: 'Growth strategy (summer 2026)', date: '2026-06-30' },
  {
    code: 'summer-2027',
    nameJa: '成長戦略改訂（2027年夏）',
    nameEn: 'Growth strategy revision (summer 2027)',
    date: '2027-06-30',
  },
];
