import type { FieldValues } from './fields.js';
import { DEFAULTS, FILE_VARIANTS, isFileVariant, yamlKeyOf, type ValueName } from './settings.js';
import { SOURCE_IDS, type SourceId } from './types.js';

/** Parsed settings; a setting whose value was bad is absent, and rules that need it are skipped. */
export type Parsed = Partial<FieldValues>;

export interface Settled {
  sources?: SourceId[];
  syncInstance?: string;
  problems: string[];
}

/** How to set a missing value, in both places a user may look. */
export function missing(name: ValueName, reason: string): string {
  const names = isFileVariant(name) ? `${name} or ${FILE_VARIANTS[name]}` : name;
  const key = yamlKeyOf(name);
  const keys = isFileVariant(name) ? `${key} or ${yamlKeyOf(FILE_VARIANTS[name])}` : key;
  return `${name}: required ${reason} (set ${names}, or ${keys} in the config file)`;
}

/** Without SOURCES, a source runs when any of its own settings is present. */
export function deriveSources(explicit: ReadonlySet<ValueName>): SourceId[] {
  const has = (...names: ValueName[]) => names.some((name) => explicit.has(name));
  const aws = has('AWS_REGIONS', 'AWS_ACCOUNT_ROLE_ARNS', 'AWS_ORGANIZATION_ROLE_NAME');
  const enabled: Record<SourceId, boolean> = {
    aws,
    gitlab: has('GITLAB_GROUPS'),
    // Clusters are discovered through AWS, so scanning AWS implies looking inside its clusters.
    kubernetes: aws || has('KUBERNETES_CLUSTERS'),
    cost: has('AWS_COST_ROLE_ARN', 'COST_METRIC', 'COST_HISTORY_MONTHS'),
  };
  return SOURCE_IDS.filter((id) => enabled[id]);
}

/** Rules across settings: what is derived, and what an enabled source cannot run without. */
export function applyRules(parsed: Parsed, explicit: ReadonlySet<ValueName>): Settled {
  const problems: string[] = [];
  const sources = 'SOURCES' in parsed ? (parsed.SOURCES ?? deriveSources(explicit)) : undefined;
  const syncInstance = settleSyncInstance(parsed, problems);
  if (sources) problems.push(...sourceRequirements(sources, parsed));
  return { sources, syncInstance, problems };
}

/** A remote Port is shared, so entities must say which installation owns them. */
function settleSyncInstance(parsed: Parsed, problems: string[]): string | undefined {
  if (!('SYNC_INSTANCE' in parsed) || parsed.PORT_BASE_URL === undefined) return undefined;
  if (parsed.SYNC_INSTANCE !== undefined) return parsed.SYNC_INSTANCE;
  if (parsed.PORT_BASE_URL.isLoopback) return DEFAULTS.SYNC_INSTANCE_LOOPBACK;
  const reason = 'unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns';
  problems.push(missing('SYNC_INSTANCE', reason));
  return undefined;
}

function sourceRequirements(sources: SourceId[], parsed: Parsed): string[] {
  const problems: string[] = [];
  if (sources.includes('gitlab')) {
    if ('GITLAB_TOKEN' in parsed && parsed.GITLAB_TOKEN === undefined) {
      problems.push(missing('GITLAB_TOKEN', 'because the gitlab source is enabled'));
    }
    if (parsed.GITLAB_GROUPS?.length === 0) {
      problems.push(missing('GITLAB_GROUPS', 'because the gitlab source is enabled'));
    }
  }
  // EKS clusters are listed per region just like the resources, so both need at least one.
  const scansRegions =
    sources.includes('aws') || (sources.includes('kubernetes') && parsed.KUBERNETES_CLUSTERS === 'eks');
  if (scansRegions && parsed.AWS_REGIONS?.length === 0) {
    const reason =
      'because the aws source (or kubernetes with KUBERNETES_CLUSTERS=eks) is enabled ' +
      'and neither AWS_REGION nor AWS_DEFAULT_REGION is set';
    problems.push(missing('AWS_REGIONS', reason));
  }
  return problems;
}
