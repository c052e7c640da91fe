/**
 * A job's log: timestamped lines (the request, the dataset and its commit, each step with its
 * timing, warnings, errors, the backend), kept with the run it produced as `job.log` so it is
 * shown beside the result, downloaded with the run and carried in bundles.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface LogLine {
  /** epoch ms */
  t: number;
  level: LogLevel;
  message: string;
}

export class JobLog {
  readonly lines: LogLine[] = [];
  private readonly started: number;
  private stepStart: number;
  constructor(private readonly now: () => number = Date.now) {
    this.started = now();
    this.stepStart = this.started;
  }

  info(message: string): void {
    this.lines.push({ t: this.now(), level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ t: this.now(), level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ t: this.now(), level: 'error', message });
  }

  /** Logs the end of a step with the seconds since the previous step ended. */
  step(message: string): void {
    const t = this.now();
    this.lines.push({
      t,
      level: 'info',
      message: `${message} (${((t - this.stepStart) / 1000).toFixed(3)} s)`,
    });
    this.stepStart = t;
  }

  /** The log as text, one line per entry: ISO time, level, message. */
  text(): string {
    return (
      this.lines
        .map((l) => `${new Date(l.t).toISOString()} ${l.level.toUpperCase().padEnd(5)} ${l.message}`)
        .join('\n') + '\n'
    );
  }
}

/** The file name a job's log is stored under beside a run's other files. */
export const JOB_LOG_FILE = 'job.log';
