import type { SandboxReader } from '../sandbox/index.js';
import type { PreviewSummary } from './render.js';
import { summariseScorecards } from './scorecards.js';
import { evaluateDashboards } from './widgets.js';

/** Scorecard levels and dashboard values of whatever the sandbox holds. */
export function previewSummary(reader: SandboxReader): PreviewSummary {
  const entities: Record<string, number> = {};
  for (const bp of reader.blueprints()) entities[bp.identifier] = reader.entities(bp.identifier).length;
  return { entities, scorecards: summariseScorecards(reader), dashboards: evaluateDashboards(reader) };
}
