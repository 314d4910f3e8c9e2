import { createTask, validate, type Logger as CronLogger } from 'node-cron';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Schedule } from './schedules.js';

/** A started schedule; `stop` ends its ticks. */
export interface Ticker {
  stop(): void;
}

const VARIABLE: Record<Schedule['name'], string> = { sync: 'SYNC_SCHEDULE', cost: 'COST_SCHEDULE' };

/**
 * Starts one node-cron task per schedule, in UTC. Each tick only calls `onTick`: the queue decides
 * whether the run starts, waits or is skipped, so a long run never blocks the timer. The
 * configuration already refused a bad expression; checking again here keeps the worker honest
 * when it is built from anything else.
 */
export function startSchedules(schedules: readonly Schedule[], onTick: (schedule: Schedule) => void, logger: Logger): Ticker {
  const bad = schedules.filter((s) => !validate(s.expression));
  if (bad.length > 0) {
    throw new ConfigError(bad.map((s) => `${VARIABLE[s.name]}: ${JSON.stringify(s.expression)} is not a cron expression`));
  }
  const tasks = schedules.map((schedule) =>
    createTask(schedule.expression, () => onTick(schedule), {
      name: `port-sync-${schedule.name}`,
      timezone: 'UTC',
      logger: cronLogger(logger.child({ schedule: schedule.name, component: 'cron' })),
    }),
  );
  for (const task of tasks) void task.start();
  return {
    stop: () => {
      for (const task of tasks) void task.destroy();
    },
  };
}

/** node-cron's own messages (a missed tick after an event-loop stall) as JSON log lines. */
function cronLogger(log: Logger): CronLogger {
  return {
    info: (message) => log.debug(message),
    warn: (message) => log.warn(message),
    error: (message, err) => log.error({ err: err ?? message }, typeof message === 'string' ? message : 'Cron error'),
    debug: (message) => log.debug({ detail: message }, 'Cron debug'),
  };
}
