import type { JoinRule } from '../types.js';
import { costTeamFromService } from './cost-team.js';
import { danglingRelations } from './dangling-relations.js';
import { teamsAndEnvironments } from './teams-and-environments.js';

export { costTeamFromService, danglingRelations, teamsAndEnvironments };

/**
 * The rules every join runs, in this order: rules that add relation values first (a month's cost
 * takes its service's team), then teams and environments are created from what is seen, before
 * relations to them are checked.
 */
export const builtinRules: readonly JoinRule[] = [costTeamFromService, teamsAndEnvironments, danglingRelations];
