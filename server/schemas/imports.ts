import { z } from 'zod';
import { CODE_PATTERN, langParam, single, unknownParameters } from './query';

// Requests and answers of the survey-form round trip (docs/product.md §4).

export const importTemplateQuery = z.strictObject(
  {
    /** The ministry whose form it is; a ministry lead's own by default (an administrator must name one). */
    ministry: single(z.string().regex(CODE_PATTERN, 'not a valid ministry code')).optional(),
    lang: langParam,
  },
  unknownParameters,
);
export type ImportTemplateQuery = z.infer<typeof importTemplateQuery>;

export const importUploadQuery = z.strictObject(
  {
    /** An administrator may bind the upload to one ministry (rows of others are then errors). */
    ministry: single(z.string().regex(CODE_PATTERN, 'not a valid ministry code')).optional(),
    lang: langParam,
  },
  unknownParameters,
);
export type ImportUploadQuery = z.infer<typeof importUploadQuery>;

export const importLangQuery = z.strictObject({ lang: langParam }, unknownParameters);

export const importIdParam = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/, 'not an import id'),
});

const fromTo = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });

export const importChangeDto = z.object({
  row: z.number(),
  code: z.string(),
  title: z.string(),
  /** The measure's version the dry run was checked at: the precondition of applying it. */
  version: z.number(),
  status: fromTo(z.string()),
  health: fromTo(z.string().nullable()),
  note: z.string(),
  evidenceUrl: z.string().nullable(),
  milestonesCompleted: z.array(
    z.object({ row: z.number(), milestoneId: z.number(), title: z.string(), completedDate: z.string() }),
  ),
});
export type ImportChangeDto = z.infer<typeof importChangeDto>;

export const importErrorDto = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
export type ImportErrorDto = z.infer<typeof importErrorDto>;

export const importConflictDto = z.object({ row: z.number(), code: z.string(), message: z.string() });
export type ImportConflictDto = z.infer<typeof importConflictDto>;

export const importResponse = z.object({
  id: z.string(),
  ministry: z.string().nullable(),
  fileName: z.string(),
  /** Rows read from the file (blank rows not counted). */
  rows: z.number(),
  changes: z.array(importChangeDto),
  unchanged: z.number(),
  errors: z.array(importErrorDto),
  conflicts: z.array(importConflictDto),
  canApply: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  appliedAt: z.string().nullable(),
});
export type ImportResponse = z.infer<typeof importResponse>;

export const importApplyResponse = z.object({
  /** How many measures got a report. */
  applied: z.number(),
  codes: z.array(z.string()),
});
export type ImportApplyResponse = z.infer<typeof importApplyResponse>;
