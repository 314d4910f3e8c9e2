import { z } from 'zod';
import { PortApiError } from '../errors.js';
import type { PortResponse, PortTransport } from './http.js';

/** Port's definitions are kept as plain JSON: the model layer owns their shape. */
export type Json = Record<string, unknown>;

const enc = encodeURIComponent;

const BlueprintsBody = z.object({ blueprints: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const BlueprintBody = z.object({ blueprint: z.record(z.string(), z.unknown()) }).passthrough();
const ScorecardsBody = z.object({ scorecards: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const ScorecardBody = z.object({ scorecard: z.record(z.string(), z.unknown()) }).passthrough();
const PagesBody = z.object({ pages: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const PageBody = z.object({ page: z.record(z.string(), z.unknown()) }).passthrough();

/** Blueprints, scorecards and pages: the portal model's routes (PORT-API.md 3-5). */
export class PortModelApi {
  constructor(private readonly http: PortTransport) {}

  async listBlueprints(): Promise<Json[]> {
    const res = await this.call('GET /blueprints', 'GET', '/blueprints');
    return parse(BlueprintsBody, res, 'GET', '/blueprints').blueprints;
  }

  /** The blueprint, or undefined when Port has none by that identifier. */
  async getBlueprint(identifier: string): Promise<Json | undefined> {
    const path = `/blueprints/${enc(identifier)}`;
    const res = await this.call('GET /blueprints/:id', 'GET', path, undefined, [404]);
    return res.status === 404 ? undefined : parse(BlueprintBody, res, 'GET', path).blueprint;
  }

  async createBlueprint(blueprint: Json): Promise<Json> {
    // Catalog pages are the model's business (dashboards/), not a side effect of a blueprint.
    const res = await this.call('POST /blueprints', 'POST', '/blueprints', blueprint, [], {
      create_catalog_page: false,
    });
    return parse(BlueprintBody, res, 'POST', '/blueprints').blueprint;
  }

  /** Full replace: send the whole definition, other writers' parts included. */
  async replaceBlueprint(identifier: string, blueprint: Json): Promise<Json> {
    const path = `/blueprints/${enc(identifier)}`;
    const res = await this.call('PUT /blueprints/:id', 'PUT', path, blueprint);
    return parse(BlueprintBody, res, 'PUT', path).blueprint;
  }

  async patchBlueprint(identifier: string, patch: Json): Promise<Json> {
    const path = `/blueprints/${enc(identifier)}`;
    const res = await this.call('PATCH /blueprints/:id', 'PATCH', path, patch);
    return parse(BlueprintBody, res, 'PATCH', path).blueprint;
  }

  async deleteBlueprint(identifier: string): Promise<void> {
    await this.call('DELETE /blueprints/:id', 'DELETE', `/blueprints/${enc(identifier)}`);
  }

  async countEntities(blueprint: string): Promise<number> {
    const path = `/blueprints/${enc(blueprint)}/entities-count`;
    const res = await this.call('GET /blueprints/:id/entities-count', 'GET', path);
    return parse(z.object({ count: z.number() }).passthrough(), res, 'GET', path).count;
  }

  async listScorecards(blueprint: string): Promise<Json[]> {
    const path = `/blueprints/${enc(blueprint)}/scorecards`;
    const res = await this.call('GET /blueprints/:id/scorecards', 'GET', path);
    return parse(ScorecardsBody, res, 'GET', path).scorecards;
  }

  /** Every scorecard of the org, each naming its `blueprint`. */
  async listAllScorecards(): Promise<Json[]> {
    const res = await this.call('GET /scorecards', 'GET', '/scorecards');
    return parse(ScorecardsBody, res, 'GET', '/scorecards').scorecards;
  }

  async createScorecard(blueprint: string, scorecard: Json): Promise<Json> {
    const path = `/blueprints/${enc(blueprint)}/scorecards`;
    const res = await this.call('POST /blueprints/:id/scorecards', 'POST', path, scorecard);
    return parse(ScorecardBody, res, 'POST', path).scorecard;
  }

  async replaceScorecard(blueprint: string, identifier: string, scorecard: Json): Promise<Json> {
    const path = `/blueprints/${enc(blueprint)}/scorecards/${enc(identifier)}`;
    const res = await this.call('PUT /blueprints/:id/scorecards/:sc', 'PUT', path, scorecard);
    return parse(ScorecardBody, res, 'PUT', path).scorecard;
  }

  async deleteScorecard(blueprint: string, identifier: string): Promise<void> {
    const path = `/blueprints/${enc(blueprint)}/scorecards/${enc(identifier)}`;
    await this.call('DELETE /blueprints/:id/scorecards/:sc', 'DELETE', path);
  }

  async listPages(): Promise<Json[]> {
    const res = await this.call('GET /pages', 'GET', '/pages');
    return parse(PagesBody, res, 'GET', '/pages').pages;
  }

  async getPage(identifier: string): Promise<Json | undefined> {
    const path = `/pages/${enc(identifier)}`;
    const res = await this.call('GET /pages/:id', 'GET', path, undefined, [404]);
    return res.status === 404 ? undefined : parse(PageBody, res, 'GET', path).page;
  }

  /** Port answers a page create with its identifier only (PORT-API.md 5.1). */
  async createPage(page: Json): Promise<void> {
    await this.call('POST /pages', 'POST', '/pages', page);
  }

  async patchPage(identifier: string, page: Json): Promise<void> {
    await this.call('PATCH /pages/:id', 'PATCH', `/pages/${enc(identifier)}`, page);
  }

  async deletePage(identifier: string): Promise<void> {
    await this.call('DELETE /pages/:id', 'DELETE', `/pages/${enc(identifier)}`);
  }

  private call(
    route: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    accept: readonly number[] = [],
    query?: Record<string, string | number | boolean | undefined>,
  ): Promise<PortResponse> {
    return this.http.request({ route, method, path, body, accept, query });
  }
}

function parse<T>(schema: z.ZodType<T>, res: PortResponse, method: string, path: string): T {
  const parsed = schema.safeParse(res.data);
  if (parsed.success) return parsed.data;
  throw new PortApiError(
    { method, path, status: res.status, traceId: res.traceId },
    {
      message: `Port ${method} ${path} answered HTTP ${res.status}: unexpected response body (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    },
  );
}
