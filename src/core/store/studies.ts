/**
 * Hyperparameter studies and their trials in IndexedDB: a study's request and status, and every
 * finished trial as it finishes (so a reload or a cancel keeps them, and the study resumes from
 * them). The tuning job (src/core/jobs/tune.ts) writes; the Tune panel reads.
 */
import { StorageError } from '../errors';
import type { TrialResult } from '../tune/trial';
import type { CandleLabDb } from './db';
import { guardStorage } from './quota';

export interface StudyRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: 'running' | 'interrupted' | 'cancelled' | 'failed' | 'done';
  /** the dataset the study runs on (a resume needs the same one loaded) */
  dataset: string;
  /** the tuning request as given (without the dataset handle) */
  request: Record<string, unknown>;
  /** the saved 'tuning' run when done */
  runId?: string;
}

export interface TrialRecord extends TrialResult {
  study: string;
}

export async function putStudy(db: CandleLabDb, s: StudyRecord): Promise<void> {
  await guardStorage(`saving study ${s.id}`, () => db.studies.put(s));
}

export async function getStudy(db: CandleLabDb, id: string): Promise<StudyRecord> {
  const s = await db.studies.get(id);
  if (!s) throw new StorageError('not-found', `No study ${id} is stored here.`);
  return s;
}

export async function listStudies(db: CandleLabDb): Promise<(StudyRecord & { trials: number })[]> {
  const all = await db.studies.orderBy('createdAt').reverse().toArray();
  return Promise.all(
    all.map(async (s) => ({ ...s, trials: await db.trials.where('study').equals(s.id).count() })),
  );
}

export async function putTrial(db: CandleLabDb, study: string, t: TrialResult): Promise<void> {
  await guardStorage(`saving trial ${t.number}`, () => db.trials.put({ ...t, study }));
}

/** A study's trials in trial order. */
export async function listTrials(db: CandleLabDb, study: string): Promise<TrialRecord[]> {
  const rows = await db.trials.where('study').equals(study).toArray();
  return rows.sort((a, b) => a.number - b.number);
}
