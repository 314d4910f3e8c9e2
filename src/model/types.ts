/**
 * The portal model as files: each definition is kept exactly as Port's API takes it (the body of
 * POST /v1/blueprints, POST /v1/blueprints/{bp}/scorecards, POST /v1/pages), so a file can be read
 * against Port's documentation and exported from an org without translation.
 */
export type Json = Record<string, unknown>;

export interface BlueprintFile {
  /** Path relative to the model directory, e.g. `blueprints/service.json`. */
  file: string;
  identifier: string;
  body: Json;
}

export interface ScorecardFile {
  /** e.g. `scorecards/service/platform-currency.json` */
  file: string;
  blueprint: string;
  identifier: string;
  body: Json;
}

export interface PageFile {
  /** e.g. `dashboards/finops.json` */
  file: string;
  identifier: string;
  body: Json;
}

export interface PortModel {
  blueprints: BlueprintFile[];
  scorecards: ScorecardFile[];
  pages: PageFile[];
  /**
   * Definition files that were found but did not load (their problems are already reported).
   * Cross-checks take their identifiers as existing, so one broken file is reported once rather
   * than again by everything that refers to it.
   */
  unloaded?: string[];
}

/** One problem in a model file; printed as `file: path: message`. */
export interface ModelProblem {
  file: string;
  /** A JSON path inside the file, e.g. `schema.properties.chartLag.enum[2]`; `(file)` for the whole file. */
  path: string;
  message: string;
}

export function formatProblem(p: ModelProblem): string {
  return `${p.file}: ${p.path}: ${p.message}`;
}
