import type { Config } from '../config.js';

/** The two schedules of `serve`; also the `schedule` label of every metric. */
export type ScheduleName = 'sync' | 'cost';

export interface Schedule {
  name: ScheduleName;
  /** A node-cron expression, five fields or six with seconds; read in UTC. */
  expression: string;
  /** The sources one run of this schedule collects. */
  sources: string[];
}

/** The source that makes paid requests, so it runs on its own schedule. */
export const COST_SOURCE = 'cost';

/**
 * The schedules this installation needs: SYNC_SCHEDULE for every enabled source but cost, and
 * COST_SCHEDULE for cost alone. A schedule with no source to run is left out.
 */
export function schedulesOf(config: Pick<Config, 'sources' | 'schedule'>): Schedule[] {
  const sync = config.sources.filter((id) => id !== COST_SOURCE);
  const cost = config.sources.filter((id) => id === COST_SOURCE);
  const schedules: Schedule[] = [];
  if (sync.length > 0) schedules.push({ name: 'sync', expression: config.schedule.sync, sources: sync });
  if (cost.length > 0) schedules.push({ name: 'cost', expression: config.schedule.cost, sources: cost });
  return schedules;
}
