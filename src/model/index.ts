/** The portal model as files: load, validate, and the types plan/apply/export share. */
export { loadModel, MODEL_DIRS } from './load.js';
export { validateModel } from './validate.js';
export {
  formatProblem,
  type BlueprintFile,
  type Json,
  type ModelProblem,
  type PageFile,
  type PortModel,
  type ScorecardFile,
} from './types.js';
