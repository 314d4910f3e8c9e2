import type { CaseContext, ContractCase } from '../case.js';
import { expectThat, judge, notProbed, show } from '../check.js';
import { at, list, statusCode, type Observed } from '../probe.js';
import { bulkSummary, countOf, entitiesPath, entityPath, keys, query, searchPath, validateBulk, validateEntity } from './helpers.js';

/** Status, `ok` and the echoed entity of an entity POST, the three parts the sandbox claims. */
const postShape = (o: Observed, id: string) =>
  `${o.status} ok=${show(at(o.body, 'ok'))} entity=${at(o.body, 'entity.identifier') === id ? 'returned' : 'missing'}`;

async function readEntity(ctx: CaseContext, bp: string, id: string, include?: string): Promise<unknown> {
  const res = await ctx.probe.ok('GET', entityPath(bp, id), include ? { query: { include } } : {});
  return at(res.body, 'entity');
}

/** A team that exists in the org: Port checks team names, so an invented one would be refused. */
async function anyTeam(ctx: CaseContext): Promise<string | undefined> {
  const res = await ctx.probe.call('POST', searchPath('_team'), { body: { limit: 1 } });
  const id = at(res.body, 'entities.0.identifier');
  return res.status === 200 && typeof id === 'string' ? id : undefined;
}

export const entityCases: ContractCase[] = [
  {
    id: 'unknown-keys-rejected',
    async run(ctx) {
      const { scratch } = ctx;
      const property = await validateEntity(ctx, scratch.main, {
        identifier: scratch.id('unknown-prop'),
        properties: { pcsUndefined: 'x' },
      });
      const relation = await validateEntity(ctx, scratch.main, {
        identifier: scratch.id('unknown-rel'),
        relations: { pcsUndefined: scratch.targetEntity },
      });
      const bulk = await validateBulk(ctx, scratch.main, [
        { identifier: scratch.id('unknown-ok') },
        { identifier: scratch.id('unknown-bulk'), properties: { pcsUndefined: 1 } },
      ]);
      return judge([
        expectThat('unknown property', statusCode(property), '422 invalid_entity'),
        expectThat('unknown relation', statusCode(relation), '422 invalid_entity'),
        expectThat('bulk, second item', bulkSummary(bulk), '207 [1:422 invalid_entity]'),
      ]);
    },
  },
  {
    id: 'entity-post-201',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const id = scratch.id('post-201');
      const validated = await validateEntity(ctx, scratch.main, { identifier: id, properties: { count: 1 } });
      await scratch.entity(scratch.main, { identifier: id, properties: { count: 1 } });
      const replaced = await probe.call('POST', entitiesPath(scratch.main), {
        query: { upsert: true },
        body: { identifier: id, properties: { count: 2 } },
      });
      const merged = await probe.call('POST', entitiesPath(scratch.main), {
        query: { upsert: true, merge: true },
        body: { identifier: id, properties: { count: 3 } },
      });
      const want = '201 ok=true entity=returned';
      return judge([
        expectThat('validation_only', postShape(validated, id), want),
        expectThat('upsert of an existing one', postShape(replaced, id), want),
        expectThat('merge of an existing one', postShape(merged, id), want),
      ]);
    },
  },
  {
    id: 'team-as-array',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const unset = scratch.id('team-unset');
      await scratch.entity(scratch.main, { identifier: unset });
      const checks = [expectThat('team never written', at(await readEntity(ctx, scratch.main, unset), 'team'), [])];
      const team = await anyTeam(ctx);
      const single = scratch.id('team-string');
      const write =
        team === undefined
          ? undefined
          : await probe.call('POST', entitiesPath(scratch.main), { query: { upsert: true }, body: { identifier: single, team } });
      if (team === undefined || !write || write.status >= 300) {
        const why =
          team === undefined
            ? 'no team found in the _team blueprint to write'
            : `Port refused team "${team}" from _team (${write?.status ?? '-'})`;
        return { ...notProbed(`${why}, so the single-string form was not written`), observed: judge(checks).observed };
      }
      checks.push(expectThat('team written as a string', at(await readEntity(ctx, scratch.main, single), 'team'), [team]));
      return judge(checks);
    },
  },
  {
    id: 'null-clears-key',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const id = scratch.id('null-clears');
      await scratch.entity(scratch.main, {
        identifier: id,
        properties: { stage: 'dev', count: 3 },
        relations: { single: scratch.targetEntity },
      });
      await probe.ok('POST', entitiesPath(scratch.main), {
        query: { upsert: true, merge: true },
        body: { identifier: id, properties: { count: null }, relations: { single: null } },
      });
      const entity = await readEntity(ctx, scratch.main, id);
      const presence = (section: string, key: string) => {
        const value = at(entity, `${section}.${key}`);
        return keys(at(entity, section)).includes(key) ? `present (${show(value)})` : 'absent';
      };
      return judge([
        expectThat('property set to null', presence('properties', 'count'), 'absent'),
        expectThat('relation set to null', presence('relations', 'single'), 'absent'),
        // The merge itself must have kept the rest, or the absences above would prove nothing.
        expectThat('property left out', at(entity, 'properties.stage'), 'dev'),
      ]);
    },
  },
  {
    id: 'include-is-exact',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const id = scratch.id('include');
      await scratch.entity(scratch.main, { identifier: id, title: 'Included', properties: { stage: 'prod', count: 7 } });
      const one = await readEntity(ctx, scratch.main, id, 'properties.count');
      const search = await probe.ok('POST', searchPath(scratch.main), {
        body: { query: query(['$identifier', '=', id]), include: ['count'] },
      });
      const found = list(at(search.body, 'entities'))[0];
      return judge([
        expectThat('GET include=properties.count: fields', keys(one), ['properties']),
        expectThat('GET include=properties.count: properties', keys(at(one, 'properties')), ['count']),
        expectThat('search include [count]: fields', keys(found), ['properties']),
      ]);
    },
  },
  {
    id: 'datasource-any-user-agent',
    async run(ctx) {
      const { scratch, probe, userAgent } = ctx;
      const id = scratch.id('datasource');
      await scratch.entity(scratch.main, { identifier: id });
      // `contains`, as Ocean queries $datasource (PORT-API.md 7.2); the whole User-Agent is the value.
      const byWriter = (ua: string) =>
        probe.call('POST', '/entities/search', {
          body: query(['$blueprint', '=', scratch.main], ['$identifier', '=', id], ['$datasource', 'contains', ua]),
        });
      return judge([
        // The second query shows the rule filters at all: an ignored rule would match both.
        expectThat(`$datasource contains "${userAgent}"`, countOf(await byWriter(userAgent)), 1),
        expectThat('$datasource contains another writer', countOf(await byWriter(`${userAgent} (another writer)`)), 0),
      ]);
    },
  },
];
