import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-26-001-initial-schema';
import * as coveringIndexes from './2026-11-26-002-covering-indexes';
import * as usersSessionsAudit from './2026-11-26-003-users-sessions-audit';
import * as imports from './2026-12-01-001-imports';
import * as followUpRound from './2026-12-01-002-follow-up-round';
import * as meetingPack from './2026-12-01-003-meeting-pack';
import * as dataVersion from './2026-12-02-001-data-version';
import * as stateIntervals from './2026-12-02-002-state-intervals';
import * as measureCodes from './2026-12-03-001-measure-codes';
import * as userLifecycle from './2026-12-03-003-user-lifecycle';
import * as measureWithdrawals from './2026-12-04-001-measure-withdrawals';
import * as referenceRetirement from './2026-12-04-002-reference-retirement';
import * as stateIndexWithdrawn from './2026-12-04-003-state-index-withdrawn';

// A static map rather than a folder scan: bundlers and tsx see every migration, and the order is
// the lexical order of the date-prefixed names.
export const migrations: Record<string, Migration> = {
  '2026-11-26-001-initial-schema': initialSchema,
  '2026-11-26-002-covering-indexes': coveringIndexes,
  '2026-11-26-003-users-sessions-audit': usersSessionsAudit,
  '2026-12-01-001-imports': imports,
  '2026-12-01-002-follow-up-round': followUpRound,
  '2026-12-01-003-meeting-pack': meetingPack,
  '2026-12-02-001-data-version': dataVersion,
  '2026-12-02-002-state-intervals': stateIntervals,
  '2026-12-03-001-measure-codes': measureCodes,
  '2026-12-03-003-user-lifecycle': userLifecycle,
  '2026-12-04-001-measure-withdrawals': measureWithdrawals,
  '2026-12-04-002-reference-retirement': referenceRetirement,
  '2026-12-04-003-state-index-withdrawn': stateIndexWithdrawn,
};
