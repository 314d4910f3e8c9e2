import type { Group, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { z } from 'zod';
import { canonicalName, nameToIdentifier } from '../../domain/index.js';
import type { EntityFragment, Finding } from '../../domain/index.js';
import { monthStart, type CostPeriod } from './periods.js';

/** The cloudCost entity of untagged spend, one per month (DESIGN.md section 4). */
export const UNALLOCATED = '_unallocated';

/** Service names have no aliases: only trimming and lower-casing make two tag values one service. */
const NO_ALIASES: Readonly<Record<string, string>> = {};

/**
 * Amounts keep 4 decimals: Cost Explorer reports many more, whose float noise would change values
 * between runs for nothing, while cents alone would hide sub-cent services and let Port's
 * per-team sums drift by up to half a cent per service.
 */
const AMOUNT_DECIMALS = 4;
/** costChangePct is a percentage with one decimal: 12.5 means +12.5%. */
const PCT_DECIMALS = 1;
/** DESIGN.md: costChangePct stays empty until three complete days exist; fewer make a noisy run rate. */
const MIN_COMPLETE_DAYS = 3;

export interface CostMapSettings {
  /** TAG_SERVICE: group keys are `<tagKey>$<value>`. */
  tagKey: string;
  metric: string;
  period: CostPeriod;
  scope: string;
}

export interface MappedCost {
  fragments: EntityFragment[];
  findings: Finding[];
}

interface Money {
  amount: number;
  currency: string | null;
}

interface ServiceCost extends Money {
  /** The canonical (trimmed, lower-cased) service name. */
  name: string;
}

interface MonthCost {
  /** Cost Explorer still estimates some of the month's amounts. */
  estimated: boolean;
  /** By cloudCost identifier stem (the service name as an identifier). */
  services: Map<string, ServiceCost>;
  unallocated?: Money;
}

/** One queried month's cloudCost entities, and the cost fields of every service seen in any of them. */
export function mapCost(results: readonly ResultByTime[], settings: CostMapSettings): MappedCost {
  const findings: Finding[] = [];
  const months = totalsByMonth(results, settings, findings);
  return { fragments: [...cloudCostFragments(months, settings), ...serviceFragments(months, settings)], findings };
}

/**
 * How this month's run rate over complete days compares with last month, in percent. Empty
 * (null) before three complete days, and when last month is unknown or had no (or only negative)
 * cost, against which no change means anything.
 */
export function costChangePct(
  monthToDate: number,
  lastMonth: number | null,
  period: Pick<CostPeriod, 'daysInMonth' | 'completeDays'>,
): number | null {
  if (period.completeDays < MIN_COMPLETE_DAYS || lastMonth === null || lastMonth <= 0) return null;
  const runRate = (monthToDate * period.daysInMonth) / period.completeDays;
  return round((runRate / lastMonth - 1) * 100, PCT_DECIMALS);
}

/** Sums the groups of every page per month, service and unallocated spend; a bad group is reported and skipped. */
function totalsByMonth(results: readonly ResultByTime[], settings: CostMapSettings, findings: Finding[]): Map<string, MonthCost> {
  const months = new Map<string, MonthCost>();
  const report = (subject: string, message: string) => findings.push({ source: 'cost', scope: settings.scope, subject, message });
  for (const result of results) {
    const month = result.TimePeriod?.Start?.slice(0, 7);
    if (month === undefined || !settings.period.months.includes(month)) {
      report(`period ${result.TimePeriod?.Start ?? '?'}`, 'Cost Explorer returned a period outside the queried months; it is ignored');
      continue;
    }
    const cost = months.get(month) ?? { estimated: false, services: new Map<string, ServiceCost>() };
    months.set(month, cost);
    // Pages repeat a month with further groups; a month is final only if no page estimates it.
    cost.estimated ||= result.Estimated !== false;
    for (const group of result.Groups ?? []) {
      const parsed = parseGroup(group, settings.metric);
      if (typeof parsed === 'string') {
        report(`cost group ${group.Keys?.join(',') ?? '?'} ${month}`, parsed);
        continue;
      }
      addGroup(cost, parsed, (message) => report(`cost group ${parsed.value} ${month}`, message));
    }
  }
  return months;
}

interface ParsedGroup extends Money {
  /** The raw tag value; empty for untagged spend. */
  value: string;
}

const GroupSchema = z.object({
  Keys: z.array(z.string()).min(1),
  Metrics: z.record(z.string(), z.object({ Amount: z.string().trim().min(1), Unit: z.string().min(1).optional() })),
});

/** A group as value, amount and currency, or why it cannot be read. */
function parseGroup(group: Group, metric: string): ParsedGroup | string {
  const parsed = GroupSchema.safeParse(group);
  if (!parsed.success) return `unreadable cost group: ${z.prettifyError(parsed.error)}`;
  const key = parsed.data.Keys[0] ?? '';
  const cut = key.indexOf('$');
  if (cut < 0) return `group key "${key}" is not a tag key ("<key>$<value>")`;
  const value = parsed.data.Metrics[metric];
  if (!value) return `the group has no ${metric}`;
  const amount = Number(value.Amount);
  if (!Number.isFinite(amount)) return `amount "${value.Amount}" is not a number`;
  return { value: key.slice(cut + 1), amount, currency: value.Unit ?? null };
}

/** Adds a group to its service (raw values that normalise alike are one service) or to unallocated spend. */
function addGroup(cost: MonthCost, group: ParsedGroup, report: (message: string) => void): void {
  const name = canonicalName(group.value, NO_ALIASES);
  const stem = name === '' ? UNALLOCATED : nameToIdentifier(name);
  if (stem === UNALLOCATED) {
    if (name !== '') report(`a service named "${group.value}" cannot be told from untagged spend; it is counted as unallocated`);
    cost.unallocated = addMoney(cost.unallocated, group, report);
    return;
  }
  const known = cost.services.get(stem);
  cost.services.set(stem, { name, ...addMoney(known, group, report) });
}

/** Amounts add up only in one currency; another is reported and left out rather than mixed in. */
function addMoney(total: Money | undefined, group: ParsedGroup, report: (message: string) => void): Money {
  if (!total) return { amount: group.amount, currency: group.currency };
  if (total.currency !== group.currency) {
    report(`amount in ${group.currency ?? 'no currency'} left out of a total in ${total.currency ?? 'no currency'}`);
    return total;
  }
  return { amount: total.amount + group.amount, currency: total.currency };
}

function cloudCostFragments(months: ReadonlyMap<string, MonthCost>, settings: CostMapSettings): EntityFragment[] {
  const fragments: EntityFragment[] = [];
  for (const month of settings.period.months) {
    const cost = months.get(month);
    if (!cost) continue;
    const properties = (money: Money) => ({
      month: monthStart(month),
      isCurrentMonth: month === settings.period.currentMonth,
      amount: round(money.amount, AMOUNT_DECIMALS),
      currency: money.currency,
      metric: settings.metric,
      isComplete: !cost.estimated,
    });
    for (const [stem, service] of sorted(cost.services)) {
      fragments.push({
        blueprint: 'cloudCost',
        identifier: `${stem}@${month}`,
        title: `${service.name} ${month}`,
        scope: settings.scope,
        properties: properties(service),
        // The join normalises the name as it does every service name; the team follows from the service.
        relations: { service: service.name },
      });
    }
    if (cost.unallocated) {
      fragments.push({
        blueprint: 'cloudCost',
        identifier: `${UNALLOCATED}@${month}`,
        title: `unallocated ${month}`,
        scope: settings.scope,
        properties: properties(cost.unallocated),
        relations: { service: null },
      });
    }
  }
  return fragments;
}

/**
 * The cost fields of every service with cost in any queried month: one with none this month has
 * spent 0 so far, one with none last month spent 0 then. Without last month in the query
 * (COST_HISTORY_MONTHS=1) its cost is unknown and cleared.
 */
function serviceFragments(months: ReadonlyMap<string, MonthCost>, settings: CostMapSettings): EntityFragment[] {
  const { currentMonth, previousMonth } = settings.period;
  const names = new Map<string, string>();
  for (const cost of months.values()) for (const [stem, s] of cost.services) names.set(stem, s.name);
  return [...sorted(names)].map(([stem, name]) => {
    const current = months.get(currentMonth)?.services.get(stem);
    const previous = previousMonth === undefined ? undefined : months.get(previousMonth)?.services.get(stem);
    const monthToDate = current?.amount ?? 0;
    const lastMonth = previousMonth === undefined ? null : (previous?.amount ?? 0);
    return {
      blueprint: 'service',
      identifier: name,
      scope: settings.scope,
      properties: {
        costMonthToDate: round(monthToDate, AMOUNT_DECIMALS),
        costLastMonth: lastMonth === null ? null : round(lastMonth, AMOUNT_DECIMALS),
        costChangePct: costChangePct(monthToDate, lastMonth, settings.period),
        currency: current?.currency ?? previous?.currency ?? currencyOf(months, stem),
      },
    };
  });
}

function currencyOf(months: ReadonlyMap<string, MonthCost>, stem: string): string | null {
  for (const cost of months.values()) {
    const currency = cost.services.get(stem)?.currency;
    if (currency) return currency;
  }
  return null;
}

/** Stable output order, so snapshots and dry-run listings read the same run after run. */
function sorted<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Rounds half away from zero; `+ 0` turns a -0 from a tiny credit into 0. */
function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor + 0;
}
