import type { JoinRule } from '../types.js';
import { absentValues } from './absent-values.js';
import { costTeamFromService } from './cost-team.js';
import { danglingRelations } from './dangling-relations.js';
import { namedEntities } from './named-entities.js';
import { teamFromTags } from './team-from-tags.js';

export { absentValues, costTeamFromService, danglingRelations, namedEntities, teamFromTags };

/**
 * The rules every join runs, in this order: teams, environments and services are made from what
 * is named; a complete source's silence gives its declared absent values; a service no source
 * defines takes its team from its tags, and a month's cost its service's team; relations to what
 * no source has are checked last.
 */
export const builtinRules: readonly JoinRule[] = [namedEntities, absentValues, teamFromTags, costTeamFromService, danglingRelations];
