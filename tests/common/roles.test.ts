import { describe, expect, it } from 'vitest';
import {
  ROLES,
  canConfirmKpiCategories,
  canEditMeasure,
  canFreezeEditions,
  canManageRounds,
  canManageUsers,
  canReadAudit,
  canReviewReports,
  canVerifyMilestones,
  isBoundToMinistry,
  writesMeasures,
} from '../../common/roles';
import type { Role, SessionUser } from '../../common/roles';

// The one table of rights that the server enforces and the client shows (docs/product.md §4): each
// role against each right, so that a change to a rule is a change to this table.

function user(role: Role, ministry: string | null = null): SessionUser {
  return { id: 1, email: `${role}@example.go.jp`, displayName: role, role, ministry };
}

interface Rights {
  writes: boolean;
  boundToMinistry: boolean;
  audit: boolean;
  users: boolean;
  rounds: boolean;
  review: boolean;
  verify: boolean;
  kpiCategories: boolean;
  editions: boolean;
}

const NONE = { rounds: false, review: false, verify: false, kpiCategories: false, editions: false };
const CENTRE = { rounds: true, review: true, verify: true, kpiCategories: true, editions: true };

const TABLE: Record<Role, Rights> = {
  admin: { writes: true, boundToMinistry: false, audit: true, users: true, ...CENTRE },
  ministry_lead: { writes: true, boundToMinistry: true, audit: false, users: false, ...NONE },
  secretariat: { writes: false, boundToMinistry: false, audit: true, users: false, ...CENTRE },
  executive: { writes: false, boundToMinistry: false, audit: false, users: false, ...NONE },
  analyst: { writes: false, boundToMinistry: false, audit: false, users: false, ...NONE },
};

describe('roles and rights', () => {
  it.each(ROLES)('%s has exactly the rights of the table', (role) => {
    const rights = TABLE[role];
    const someone = user(role, isBoundToMinistry(role) ? 'meti' : null);
    expect(writesMeasures(role)).toBe(rights.writes);
    expect(isBoundToMinistry(role)).toBe(rights.boundToMinistry);
    expect(canReadAudit(someone)).toBe(rights.audit);
    expect(canManageUsers(someone)).toBe(rights.users);
    expect(canManageRounds(someone)).toBe(rights.rounds);
    expect(canReviewReports(someone)).toBe(rights.review);
    expect(canVerifyMilestones(someone)).toBe(rights.verify);
    expect(canConfirmKpiCategories(someone)).toBe(rights.kpiCategories);
    expect(canFreezeEditions(someone)).toBe(rights.editions);
  });

  it('a lead edits only what their ministry leads; an admin edits anything; readers and the signed-out nothing', () => {
    expect(canEditMeasure(user('ministry_lead', 'meti'), 'meti')).toBe(true);
    expect(canEditMeasure(user('ministry_lead', 'meti'), 'mext')).toBe(false);
    expect(canEditMeasure(user('admin'), 'mext')).toBe(true);
    expect(canEditMeasure(user('executive'), 'meti')).toBe(false);
    expect(canEditMeasure(user('analyst'), 'meti')).toBe(false);
    expect(canEditMeasure(null, 'meti')).toBe(false);
    expect(canReadAudit(null)).toBe(false);
    expect(canManageUsers(null)).toBe(false);
    expect(canEditMeasure(user('secretariat'), 'meti')).toBe(false);
    for (const right of [canManageRounds, canReviewReports, canVerifyMilestones, canConfirmKpiCategories, canFreezeEditions]) {
      expect(right(null)).toBe(false);
    }
  });

  it('no role writes without also being allowed to edit some measure', () => {
    for (const role of ROLES) {
      const someone = user(role, isBoundToMinistry(role) ? 'meti' : null);
      expect(writesMeasures(role)).toBe(canEditMeasure(someone, 'meti'));
    }
  });
});
