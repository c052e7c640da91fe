/**
 * A study's stored trials, read from the worker while it runs (every second) and once more when
 * it ends; and the stored studies a reload or a cancel left unfinished.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StudyRecord, TrialRecord } from '../../../core/store/studies';
import { usePipeline } from '../../hooks/pipeline-context';

export function useTrials(studyId: string | null, running: boolean): TrialRecord[] {
  const { client } = usePipeline();
  const [read, setRead] = useState<{ id: string; trials: TrialRecord[] } | null>(null);
  useEffect(() => {
    if (!studyId) return;
    let alive = true;
    const load = () =>
      client.api.tune
        .trials(studyId)
        .then((trials) => alive && setRead({ id: studyId, trials }))
        .catch(() => undefined);
    void load();
    const timer = running ? setInterval(() => void load(), 1000) : undefined;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [client, studyId, running]);
  return read && read.id === studyId ? read.trials : [];
}

export function useUnfinishedStudies(refreshKey: unknown) {
  const { client } = usePipeline();
  const [studies, setStudies] = useState<(StudyRecord & { trials: number })[]>([]);
  const reload = useCallback(() => {
    client.api.tune
      .studies()
      .then((s) => setStudies(s.filter((x) => x.status !== 'done')))
      .catch(() => undefined);
  }, [client]);
  useEffect(reload, [reload, refreshKey]);
  return studies;
}
