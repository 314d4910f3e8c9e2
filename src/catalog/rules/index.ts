import type { JoinRule } from '../types.js';
import { danglingRelations } from './dangling-relations.js';
import { teamsAndEnvironments } from './teams-and-environments.js';

export { danglingRelations, teamsAndEnvironments };

/**
 * The rules every join runs, in this order: teams and environments must exist before relations to
 * them are checked. Source rules that add relation values go before these.
 */
export const builtinRules: readonly JoinRule[] = [teamsAndEnvironments, danglingRelations];
