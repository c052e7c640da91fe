/** Waiting for a quiet moment: resolves once a job source reports no running job. */
export interface JobActivity {
  readonly runningJobs: number;
  onActivity(listener: (running: number) => void): () => void;
}

export function whenIdle(activity: JobActivity): Promise<void> {
  if (activity.runningJobs === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const off = activity.onActivity((running) => {
      if (running > 0) return;
      off();
      resolve();
    });
  });
}
