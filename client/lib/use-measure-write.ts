import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from './api-client';
import type { ApiIssue } from './api-client';
import type { EditableMeasure, MeasureDetail, WriteOutcome } from './measure-writes';

// One place that decides what a failed write means to the person filling in a form: the server's
// field issues go beside the fields, a 412 opens the conflict dialog with the measure as it is now,
// and everything else is said above the form. Why writes carry If-Match at all:
// docs/decisions/006-writes-versions-and-audit.md.

/** What went wrong with a write, when it cannot be shown beside a field. */
export type WriteProblem =
  /** 401: the session ended; the form offers to sign in again. */
  | { kind: 'unauthenticated' }
  /** 403: this user may not change this measure. */
  | { kind: 'forbidden'; message: string }
  /** 413, 429, 5xx, a network failure: the server's own words. */
  | { kind: 'failed'; message: string };

/** A failed write, sorted: a 400's field issues, or a problem for the whole form. */
export type WriteFailure = { kind: 'issues'; issues: ApiIssue[] } | WriteProblem;

export function writeFailureOf(error: Error): WriteFailure {
  if (error instanceof ApiRequestError) {
    if (error.status === 400 && error.issues.length > 0) return { kind: 'issues', issues: error.issues };
    if (error.status === 401) return { kind: 'unauthenticated' };
    if (error.status === 403) return { kind: 'forbidden', message: error.message };
  }
  return { kind: 'failed', message: error.message };
}

/** Someone changed the measure after the form loaded it: the measure now, and what this form tried to send. */
export interface WriteConflict<P> {
  current: MeasureDetail;
  etag: string;
  pending: P;
}

export interface MeasureWriteOptions<P> {
  /** Sends `pending` with If-Match `etag`. */
  write: (pending: P, etag: string) => Promise<WriteOutcome>;
  onSaved: (saved: EditableMeasure, pending: P) => void | Promise<void>;
  /** A 412 came back with the measure as it is now (also kept in `conflict` until cleared). */
  onConflict?: (conflict: WriteConflict<P>) => void;
  /** A 400's issues: show them beside the fields and return true, or return false to show a problem instead. */
  onIssues: (issues: ApiIssue[], pending: P) => boolean;
}

export interface MeasureWrite<P> {
  send: (pending: P, etag: string) => void;
  isPending: boolean;
  problem: WriteProblem | null;
  conflict: WriteConflict<P> | null;
  /** The user chose (re-apply, discard, decide later): the conflict is no longer pending. */
  clearConflict: () => void;
}

/** A write to one measure from a form, with its outcome sorted into saved, conflict, field issues or problem. */
export function useMeasureWrite<P>({ write, onSaved, onConflict, onIssues }: MeasureWriteOptions<P>): MeasureWrite<P> {
  const [problem, setProblem] = useState<WriteProblem | null>(null);
  const [conflict, setConflict] = useState<WriteConflict<P> | null>(null);
  const mutation = useMutation({
    mutationFn: ({ pending, etag }: { pending: P; etag: string }) => write(pending, etag),
  });

  const send = (pending: P, etag: string) => {
    setProblem(null);
    mutation.mutate(
      { pending, etag },
      {
        onSuccess: async (outcome) => {
          if (outcome.kind === 'conflict') {
            const conflict = { current: outcome.current, etag: outcome.etag, pending };
            setConflict(conflict);
            onConflict?.(conflict);
            return;
          }
          await onSaved({ measure: outcome.measure, etag: outcome.etag }, pending);
        },
        onError: (error) => {
          const failure = writeFailureOf(error);
          if (failure.kind !== 'issues') setProblem(failure);
          else if (!onIssues(failure.issues, pending)) setProblem({ kind: 'failed', message: error.message });
        },
      },
    );
  };

  return { send, isPending: mutation.isPending, problem, conflict, clearConflict: () => setConflict(null) };
}
