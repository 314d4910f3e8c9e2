import type { ContractCase } from '../case.js';
import { expectThat, judge } from '../check.js';
import { at, statusCode } from '../probe.js';
import type { Json } from '../scratch.js';
import { blueprintPath, keys } from './helpers.js';

const empty = { schema: { properties: {} } };

export const blueprintCases: ContractCase[] = [
  {
    id: 'relation-target-blueprint-404',
    async run(ctx) {
      const { scratch } = ctx;
      const missing = scratch.id('no-such-blueprint');
      const relation = await scratch.createBlueprint('dangling-relation', {
        ...empty,
        relations: { to: { target: missing, required: false, many: false } },
      });
      const aggregation = await scratch.createBlueprint('dangling-aggregation', {
        ...empty,
        aggregationProperties: {
          counted: { title: 'Counted', target: missing, calculationSpec: { calculationBy: 'entities', func: 'count' } },
        },
      });
      return judge([
        expectThat('relation to a missing blueprint', statusCode(relation), '404 not_found'),
        expectThat('aggregation over a missing blueprint', statusCode(aggregation), '404 not_found'),
      ]);
    },
  },
  {
    id: 'blueprint-patch-merges-maps',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const relation = (many: boolean) => ({ target: scratch.target, required: false, many });
      const bp = await scratch.blueprint('patched', {
        schema: { properties: { a: { type: 'string' }, b: { type: 'number' } } },
        relations: { r1: relation(false) },
      });
      const first = await probe.call('PATCH', blueprintPath(bp), {
        body: { schema: { properties: { c: { type: 'boolean' } }, required: ['a'] }, relations: { r2: relation(true) } },
      });
      const afterFirst = at((await probe.ok('GET', blueprintPath(bp))).body, 'blueprint');
      const second = await probe.call('PATCH', blueprintPath(bp), {
        body: { schema: { properties: { c: { type: 'boolean' } }, required: ['c'] } },
      });
      const afterSecond = at((await probe.ok('GET', blueprintPath(bp))).body, 'blueprint');
      return judge([
        expectThat('PATCH answers', [statusCode(first), statusCode(second)], ['200', '200']),
        expectThat('properties after patching in c', keys(at(afterFirst, 'schema.properties')), ['a', 'b', 'c']),
        expectThat('relations after patching in r2', keys(at(afterFirst, 'relations')), ['r1', 'r2']),
        expectThat('required after [a] then [c]', at(afterSecond, 'schema.required'), ['c']),
      ]);
    },
  },
  {
    id: 'immutable-type-422',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const def = (flag: Json, many: boolean): Json => ({
        schema: { properties: { flag } },
        relations: { link: { target: scratch.target, required: false, many } },
      });
      const bp = await scratch.blueprint('immutable', def({ type: 'string' }, false));
      // PUT sends the whole definition, so only the one change under test differs from the stored one.
      const put = (d: Json) => probe.call('PUT', blueprintPath(bp), { body: scratch.blueprintBody('immutable', d) });
      const withoutEntities = await put(def({ type: 'number' }, false));
      await scratch.entity(bp, { identifier: scratch.id('immutable-1'), properties: { flag: 1 } });
      const toString = await put(def({ type: 'string' }, false));
      const toArray = await put(def({ type: 'array', items: { type: 'number' } }, false));
      const toMany = await put(def({ type: 'number' }, true));
      return judge([
        expectThat('string to number, no entities', statusCode(withoutEntities), '200'),
        expectThat('number to string, with entities', statusCode(toString), '422 invalid_entity'),
        expectThat('number to array, with entities', statusCode(toArray), '422 invalid_entity'),
        expectThat('relation single to many, with entities', statusCode(toMany), '422 invalid_entity'),
      ]);
    },
  },
  {
    id: 'blueprint-sections-defaulted',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const bp = await scratch.blueprint('bare', empty);
      const read = at((await probe.ok('GET', blueprintPath(bp))).body, 'blueprint');
      return judge([
        expectThat('relations', at(read, 'relations'), {}),
        expectThat('mirrorProperties', at(read, 'mirrorProperties'), {}),
        expectThat('calculationProperties', at(read, 'calculationProperties'), {}),
        expectThat('aggregationProperties', at(read, 'aggregationProperties'), {}),
        expectThat('schema.required', at(read, 'schema.required'), []),
      ]);
    },
  },
  {
    id: 'blueprint-delete-targeted',
    async run(ctx) {
      const { scratch, probe } = ctx;
      // Neither has entities, so only the relation can stand in the way.
      const lonely = await scratch.blueprint('lonely', empty);
      await scratch.blueprint('pointer', { ...empty, relations: { to: { target: lonely, required: false, many: false } } });
      const res = await probe.call('DELETE', blueprintPath(lonely));
      return judge([expectThat('delete of a relation target', statusCode(res), '409 has_dependents')]);
    },
  },
];
