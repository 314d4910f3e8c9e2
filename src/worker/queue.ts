import type { ScheduleName } from './schedules.js';

export type Offer = 'started' | 'queued' | 'skipped';

/**
 * One run at a time. Both schedules feed this queue: a tick waits while the other schedule runs,
 * and is skipped when a run of its own schedule is running or already waiting (it would only
 * repeat that run). `execute` never rejects; the queue only orders runs.
 */
export class RunQueue {
  private running: ScheduleName | undefined;
  private readonly waiting: ScheduleName[] = [];
  private idle: Promise<void> = Promise.resolve();
  private settle: (() => void) | undefined;
  private closed = false;

  constructor(private readonly execute: (schedule: ScheduleName) => Promise<void>) {}

  offer(schedule: ScheduleName): Offer {
    if (this.closed || this.running === schedule || this.waiting.includes(schedule)) return 'skipped';
    if (this.running !== undefined) {
      this.waiting.push(schedule);
      return 'queued';
    }
    this.idle = new Promise((resolve) => (this.settle = resolve));
    void this.drain(schedule);
    return 'started';
  }

  /** The schedule whose run is in progress, if any. */
  get current(): ScheduleName | undefined {
    return this.running;
  }

  /** Takes no more runs and drops those waiting; resolves when the run in progress has ended. */
  close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    return this.idle;
  }

  private async drain(first: ScheduleName): Promise<void> {
    let next: ScheduleName | undefined = first;
    while (next !== undefined) {
      this.running = next;
      // execute reports its own failures; a rejection here must still not stall the queue.
      await this.execute(next).catch(() => undefined);
      next = this.closed ? undefined : this.waiting.shift();
    }
    this.running = undefined;
    this.settle?.();
  }
}
