import { describe, expect, it } from 'vitest';
import { whenIdle, type JobActivity } from './when-idle';

function fakeActivity(running: number) {
  const listeners = new Set<(n: number) => void>();
  let runningJobs = running;
  const activity: JobActivity & { set(n: number): void; listeners: number } = {
    get runningJobs() {
      return runningJobs;
    },
    onActivity(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(n) {
      runningJobs = n;
      listeners.forEach((l) => l(n));
    },
    get listeners() {
      return listeners.size;
    },
  };
  return activity;
}

describe('whenIdle', () => {
  it('resolves at once when nothing runs', async () => {
    await expect(whenIdle(fakeActivity(0))).resolves.toBeUndefined();
  });

  it('waits until the last running job ends, then stops listening', async () => {
    const a = fakeActivity(1);
    let done = false;
    const p = whenIdle(a).then(() => (done = true));
    a.set(2);
    await Promise.resolve();
    expect(done).toBe(false);
    a.set(1);
    await Promise.resolve();
    expect(done).toBe(false);
    a.set(0);
    await p;
    expect(done).toBe(true);
    expect(a.listeners).toBe(0);
  });
});
