import { formatScope } from '../../domain/index.js';
import { MAX_HISTORY_MONTHS } from './settings.js';

/** COST_HISTORY_MONTHS' range. */
const MAX_MONTHS = MAX_HISTORY_MONTHS;

/** The months one cost run queries, and where the current month stands (all UTC). */
export interface CostPeriod {
  /** The queried months as YYYY-MM, oldest first; the last is the current month. */
  months: string[];
  currentMonth: string;
  /** The month before the current one, when it is queried (COST_HISTORY_MONTHS >= 2). */
  previousMonth?: string;
  /** Cost Explorer's DateInterval: Start inclusive, End exclusive, both YYYY-MM-DD. */
  timePeriod: { Start: string; End: string };
  /** Days in the current month. */
  daysInMonth: number;
  /** Days of the current month Cost Explorer has whole: it lags about a day, so today never counts. */
  completeDays: number;
}

/**
 * The `historyMonths` months ending with the current month, as one Cost Explorer query.
 *
 * End is always the first of next month, never today: on the 1st, Start (the first of the
 * current month when only one month is queried) would equal today, and Cost Explorer rejects
 * Start == End. The first of next month is the latest End it accepts ("end date past the
 * beginning of next month" otherwise), and it makes every month a whole calendar month, so the
 * query is the same shape on every day of the month.
 */
export function costPeriod(now: Date, historyMonths: number): CostPeriod {
  if (!Number.isInteger(historyMonths) || historyMonths < 1 || historyMonths > MAX_MONTHS) {
    throw new RangeError(`historyMonths must be an integer from 1 to ${MAX_MONTHS}, got ${historyMonths}`);
  }
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const months = Array.from({ length: historyMonths }, (_, i) => monthKey(year, month - historyMonths + 1 + i));
  return {
    months,
    currentMonth: monthKey(year, month),
    ...(historyMonths >= 2 ? { previousMonth: monthKey(year, month - 1) } : {}),
    timePeriod: { Start: `${months[0]}-01`, End: `${monthKey(year, month + 1)}-01` },
    daysInMonth: daysInMonth(year, month),
    completeDays: now.getUTCDate() - 1,
  };
}

/** `YYYY-MM` of a month index that may run past either end of the year (Date.UTC carries it over). */
export function monthKey(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 7);
}

export function daysInMonth(year: number, monthIndex: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The `month` property of a cloudCost entity: the first instant of the month, UTC. */
export function monthStart(month: string): string {
  return `${month}-01T00:00:00.000Z`;
}

/**
 * The run's one scope, naming exactly the months queried: deletions of cloudCost entities are
 * confined to it, so months outside the range (history) keep their old scope and are never deleted.
 */
export function costScope(period: Pick<CostPeriod, 'months'>): string {
  return formatScope({ kind: 'cost', from: period.months[0] ?? '', to: period.months[period.months.length - 1] ?? '' });
}
