import { ModelIndex } from './model-index.js';
import type { ModelProblem, PortModel } from './types.js';
import { blueprintProblems } from './validate-blueprints.js';
import { pageProblems } from './validate-pages.js';
import { scorecardProblems } from './validate-scorecards.js';

/**
 * Cross-references of the whole model, checked before any call to Port: relation, mirror and
 * aggregation targets; scorecard levels, fields and enum values; widget blueprints, fields, ids
 * and layouts. Bodies are re-checked against their schemas first, so a model assembled in memory
 * (not loaded with loadModel) is safe to pass; a loaded model yields no schema problem twice.
 * Every problem names the file and the JSON path inside it.
 */
export function validateModel(model: PortModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const index = new ModelIndex(model, problems);
  problems.push(...blueprintProblems(index), ...scorecardProblems(index), ...pageProblems(index));
  return problems;
}
