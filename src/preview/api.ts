import type { Json, SandboxReader, ScorecardResult } from '../sandbox/index.js';
import { summariseScorecards } from './scorecards.js';
import { evaluateDashboards } from './widgets.js';

/** An answer of the page's JSON API: a status and a JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

const notFound = (message: string): ApiAnswer => ({ status: 404, body: { error: 'not_found', message } });

/** What the page's navigation needs: dashboards, blueprints with their entity counts, scorecard summaries. */
function catalog(reader: SandboxReader): ApiAnswer {
  const blueprints = reader
    .blueprints()
    .map((b) => ({ identifier: b.identifier, title: b.title, count: reader.entities(b.identifier).length }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const dashboards = evaluateDashboards(reader).map((d) => ({ identifier: d.identifier, title: d.title }));
  return { status: 200, body: { blueprints, dashboards, scorecards: summariseScorecards(reader) } };
}

/** A blueprint's entities as table rows: title, every property, relation and scorecard level. */
function entities(reader: SandboxReader, blueprint: string): ApiAnswer {
  const def = reader.blueprints().find((b) => b.identifier === blueprint);
  if (!def) return notFound(`Blueprint "${blueprint}" was not found`);
  const columns = [
    ...Object.entries(def.schema.properties).map(([id, p]) => ({ id, title: String(p.title ?? id), kind: 'property' })),
    ...Object.entries(def.mirrorProperties).map(([id, p]) => ({ id, title: String(p.title ?? id), kind: 'property' })),
    ...Object.entries(def.aggregationProperties).map(([id, p]) => ({ id, title: String(p.title ?? id), kind: 'property' })),
    ...Object.entries(def.relations).map(([id, r]) => ({ id, title: String(r.title ?? id), kind: 'relation', target: r.target })),
    ...reader.scorecards(blueprint).map((s) => ({ id: String(s.identifier), title: String(s.title), kind: 'scorecard' })),
  ];
  return {
    status: 200,
    body: { blueprint: { identifier: def.identifier, title: def.title }, columns, entities: reader.entities(blueprint) },
  };
}

/** One entity: its properties, relations (with the blueprint each targets), and each scorecard's level and failing rules. */
function entity(reader: SandboxReader, blueprint: string, identifier: string): ApiAnswer {
  const def = reader.blueprints().find((b) => b.identifier === blueprint);
  const found = def ? reader.entity(blueprint, identifier) : undefined;
  if (!def || !found) return notFound(`Entity "${identifier}" of blueprint "${blueprint}" was not found`);
  const titles: Record<string, string> = {};
  for (const section of [def.schema.properties, def.mirrorProperties, def.aggregationProperties] as Record<string, Json>[])
    for (const [id, p] of Object.entries(section)) titles[id] = String(p.title ?? id);
  const relations = Object.entries(def.relations).map(([id, r]) => {
    const value = (found.relations as Json)[id];
    const ids = value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
    return {
      identifier: id,
      title: String(r.title ?? id),
      target: r.target,
      entities: ids.map((i) => ({ identifier: i, exists: !!reader.entity(r.target, i) })),
    };
  });
  const results = (found.scorecards ?? {}) as Record<string, ScorecardResult>;
  const scorecards = reader.scorecards(blueprint).map((s) => {
    const result = results[String(s.identifier)];
    const levels = (s.levels ?? []) as { title: string; color: string }[];
    const rules = (s.rules ?? []) as { identifier: string; title: string; level: string }[];
    return {
      identifier: String(s.identifier),
      title: String(s.title),
      level: result?.level ?? null,
      color: levels.find((l) => l.title === result?.level)?.color ?? null,
      failing: (result?.rules ?? [])
        .filter((r) => r.status === 'FAILURE')
        .map((r) => ({
          identifier: r.identifier,
          level: r.level,
          title: rules.find((x) => x.identifier === r.identifier)?.title ?? r.identifier,
        })),
      passing: (result?.rules ?? []).filter((r) => r.status === 'SUCCESS').length,
    };
  });
  return {
    status: 200,
    body: { blueprint: { identifier: def.identifier, title: def.title }, titles, entity: found, relations, scorecards },
  };
}

/**
 * The page's one small JSON API, read-only:
 *   GET /api/catalog, /api/dashboards/:id, /api/blueprints/:bp/entities, /api/entities/:bp/:id
 */
export function answerApi(reader: SandboxReader, path: string): ApiAnswer {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [api, kind, a, b, ...rest] = parts;
  if (api !== 'api') return notFound(`No route ${path}`);
  if (kind === 'catalog' && a === undefined) return catalog(reader);
  if (kind === 'dashboards' && a !== undefined && b === undefined) {
    const dashboard = evaluateDashboards(reader).find((d) => d.identifier === a);
    return dashboard ? { status: 200, body: dashboard } : notFound(`Dashboard "${a}" was not found`);
  }
  if (kind === 'blueprints' && a !== undefined && b === 'entities' && rest.length === 0) return entities(reader, a);
  if (kind === 'entities' && a !== undefined && b !== undefined && rest.length === 0) return entity(reader, a, b);
  return notFound(`No route ${path}`);
}
