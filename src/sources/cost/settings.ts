import { AWS_ACCESS_SETTINGS } from '../../aws/settings.js';
import { defineSettings } from '../../config/define.js';
import { roleArn } from '../../config/fields.js';
import { integer, oneOf } from '../../config/values.js';

/** Cost Explorer metrics that are money; usage metrics (UsageQuantity, ...) are not. */
export const COST_METRICS = ['AmortizedCost', 'NetAmortizedCost', 'UnblendedCost', 'NetUnblendedCost', 'BlendedCost'] as const;
export type CostMetric = (typeof COST_METRICS)[number];

/** Cost Explorer keeps at most 38 months (with multi-year data enabled). */
export const MAX_HISTORY_MONTHS = 38;

/** What the cost source reads: whose credentials, which metric and months, grouped by which tag. */
export interface CostSettings {
  /** AWS_COST_ROLE_ARN; unset: the worker's own credentials. */
  roleArn?: string;
  externalId?: string;
  /** RoleSessionName of the AssumeRole, named after SYNC_INSTANCE. */
  sessionName: string;
  metric: CostMetric;
  historyMonths: number;
  /** TAG_SERVICE: spend is grouped by it. */
  serviceTag: string;
}

export const COST_SETTINGS = defineSettings({
  id: 'cost',
  title: 'cost source',
  uses: [AWS_ACCESS_SETTINGS],
  rows: {
    AWS_COST_ROLE_ARN: {
      yamlKey: 'aws.costRoleArn',
      description:
        "Role to assume for Cost Explorer, normally in the management (payer) account, which sees every member account's cost; unset: the worker's own credentials.",
      schema: roleArn.optional(),
    },
    COST_METRIC: {
      yamlKey: 'cost.metric',
      default: 'AmortizedCost',
      description: `Cost Explorer money metric: ${COST_METRICS.slice(0, -1).join(', ')} or ${COST_METRICS[COST_METRICS.length - 1]}.`,
      schema: oneOf(COST_METRICS, 'a Cost Explorer money metric'),
    },
    COST_HISTORY_MONTHS: {
      yamlKey: 'cost.historyMonths',
      default: '2',
      description: `Months queried per cost run, ending with the current month, 1 to ${MAX_HISTORY_MONTHS} (last month and this month by default; more to backfill history; beyond 14 Cost Explorer needs multi-year data enabled).`,
      schema: integer(1, MAX_HISTORY_MONTHS),
    },
  },
  enabledBy: ['AWS_COST_ROLE_ARN', 'COST_METRIC', 'COST_HISTORY_MONTHS'],
  read: (v, core, all): CostSettings => {
    const access = AWS_ACCESS_SETTINGS.read(all, core);
    return {
      roleArn: v.AWS_COST_ROLE_ARN,
      externalId: access.externalId,
      sessionName: access.sessionName,
      metric: v.COST_METRIC,
      historyMonths: v.COST_HISTORY_MONTHS,
      serviceTag: core.tags.service,
    };
  },
});
