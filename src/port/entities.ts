import { z } from 'zod';
import { PortApiError, RunAbortedError, isFatalPortError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  BULK_DELETE_MAX_IDENTIFIERS,
  BULK_UPSERT_MAX_ENTITIES,
  MAX_BODY_BYTES,
  batchesOf,
  halve,
  mapInFlight,
  splitIntoBatches,
  type Batch,
  type ItemList,
} from './batch.js';
import type { PortResponse, PortTransport } from './http.js';

export interface PortEntity {
  identifier: string;
  title?: string | null;
  icon?: string | null;
  team?: string | string[] | null;
  properties?: Record<string, unknown>;
  relations?: Record<string, string | string[] | null>;
}

/** An entity Port did not take, with Port's own reason. */
export interface EntityFailure {
  blueprint: string;
  identifier: string;
  status?: number;
  code?: string;
  message: string;
  traceId?: string;
  /** A create refused because the identifier exists: another writer owns that entity. */
  ownedByOtherWriter?: boolean;
  /** A delete refused because other entities still relate to this one. */
  hasDependents?: boolean;
}

export interface WriteResult {
  written: { identifier: string; created: boolean }[];
  failed: EntityFailure[];
  /** Entities whose batch was not sent because the run was aborted (or not sent again after a throttled answer). */
  notSent: string[];
}

export interface DeleteResult {
  deleted: string[];
  failed: EntityFailure[];
  /** Identifiers whose batch was not sent because the run was aborted (or not sent again after a throttled answer). */
  notSent: string[];
}

export interface SearchOptions {
  /** A Port query (`{combinator, rules}`); all entities of the blueprint when absent. */
  query?: unknown;
  /** Property and relation identifiers, and `$`-meta names, to return; everything when absent. */
  include?: string[];
  /** Page size, 1..1000. */
  limit?: number;
}

type WriteMode = 'create' | 'update';

const BulkWriteBody = z
  .object({
    entities: z
      .array(z.object({ identifier: z.string().optional(), index: z.number().int(), created: z.boolean().optional() }))
      .default([]),
    errors: z
      .array(
        z.object({
          identifier: z.string().optional(),
          index: z.number().int(),
          statusCode: z.number().optional(),
          error: z.string().optional(),
          message: z.string().optional(),
        }),
      )
      .default([]),
  })
  .passthrough();

const ErrorBody = z.object({ error: z.string().optional(), message: z.string().optional() }).passthrough();

const DeleteBody = z.object({ deletedEntities: z.array(z.string()) }).passthrough();

const SearchBody = z
  .object({
    entities: z.array(z.unknown()),
    next: z.string().nullish(),
  })
  .passthrough();

const SearchedEntity = z.object({ identifier: z.string().min(1) }).passthrough();

/** Statuses of a bulk write whose body may still say which entities failed. */
const BULK_ANSWERS = [207, 400, 404, 409, 413, 422] as const;

const enc = encodeURIComponent;

/**
 * Bulk batches of one call formed and handed to the client per request it keeps in flight: enough
 * that the client always has the next one ready, few enough that a batch's bodies are not held
 * (and promoted to the old generation) while dozens of others go first.
 */
const BATCHES_PER_REQUEST_IN_FLIGHT = 2;
/** When the transport does not say (a test's), what PORT_MAX_CONCURRENCY's default gives. */
const DEFAULT_BATCHES_AHEAD = 16;

/**
 * Entity reads and writes in Port's bulk routes: batches by count and bytes, maps per-entity
 * failures back by index, and isolates an entity that makes Port reject a whole batch.
 */
export class PortEntities {
  private readonly log: Logger;
  private readonly batchesAhead: number;

  constructor(
    private readonly http: PortTransport,
    logger?: Logger,
  ) {
    this.log = logger ?? silentLogger();
    this.batchesAhead = http.concurrency === undefined ? DEFAULT_BATCHES_AHEAD : http.concurrency * BATCHES_PER_REQUEST_IN_FLIGHT;
  }

  /** Creates entities that must not exist yet (`upsert=false`); a taken identifier is a failure. */
  create(blueprint: string, entities: ItemList<PortEntity>, options: { validationOnly?: boolean } = {}): Promise<WriteResult> {
    return this.write(blueprint, entities, 'create', options.validationOnly ?? false);
  }

  /** Updates entities field by field (`upsert=true&merge=true`); fields not sent are kept. */
  update(blueprint: string, entities: ItemList<PortEntity>, options: { validationOnly?: boolean } = {}): Promise<WriteResult> {
    return this.write(blueprint, entities, 'update', options.validationOnly ?? false);
  }

  async delete(blueprint: string, identifiers: readonly string[]): Promise<DeleteResult> {
    const { batches } = splitIntoBatches(identifiers, BULK_DELETE_MAX_IDENTIFIERS, MAX_BODY_BYTES);
    const results = await mapInFlight(batches, this.batchesAhead, (batch) => this.deleteBatch(blueprint, batch.items));
    return joinDeletes(results);
  }

  /** Pages through a blueprint's entities with Port's paginated search. */
  async *searchPages(blueprint: string, options: SearchOptions = {}): AsyncGenerator<PortEntity[]> {
    const seen = new Set<string>();
    let from: string | undefined;
    do {
      const response = await this.http.request({
        route: 'POST /blueprints/:bp/entities/search',
        method: 'POST',
        path: `/blueprints/${enc(blueprint)}/entities/search`,
        body: { query: options.query, include: options.include, limit: options.limit ?? 1000, from },
      });
      const body = SearchBody.safeParse(response.data);
      if (!body.success) throw this.unexpected('POST', `/blueprints/${blueprint}/entities/search`, response);
      yield body.data.entities.flatMap((raw) => this.searchedEntity(blueprint, raw));
      from = body.data.next ?? undefined;
      if (from !== undefined) {
        // A cursor that comes back twice would page forever.
        if (seen.has(from))
          throw this.unexpected('POST', `/blueprints/${blueprint}/entities/search`, response, 'pagination cursor repeated');
        seen.add(from);
      }
    } while (from);
  }

  async search(blueprint: string, options: SearchOptions = {}): Promise<PortEntity[]> {
    const all: PortEntity[] = [];
    for await (const page of this.searchPages(blueprint, options)) all.push(...page);
    return all;
  }

  private async write(blueprint: string, entities: ItemList<PortEntity>, mode: WriteMode, validationOnly: boolean): Promise<WriteResult> {
    const tooLarge: EntityFailure[] = [];
    // Batches are formed as the client can take them, not all up front.
    const batches = function* () {
      for (const part of batchesOf(entities, BULK_UPSERT_MAX_ENTITIES, MAX_BODY_BYTES)) {
        if ('batch' in part) yield part.batch;
        else {
          const { item, bytes } = part.oversized;
          tooLarge.push({
            blueprint,
            identifier: item.identifier,
            status: 413,
            message: `entity is ${bytes} bytes as JSON, more than Port's 1 MiB request limit`,
          });
        }
      }
    };
    const results = await mapInFlight(batches(), this.batchesAhead, (b) => this.writeBatch(blueprint, b, mode, validationOnly));
    const joined = joinWrites(results);
    return { ...joined, failed: [...tooLarge, ...joined.failed] };
  }

  private async writeBatch(blueprint: string, batch: Batch<PortEntity>, mode: WriteMode, validationOnly: boolean): Promise<WriteResult> {
    let response: PortResponse;
    try {
      response = await this.http.request({
        route: `POST /blueprints/:bp/entities/bulk?${mode}`,
        method: 'POST',
        path: `/blueprints/${enc(blueprint)}/entities/bulk`,
        query: {
          upsert: mode === 'update',
          merge: mode === 'update' ? true : undefined,
          validation_only: validationOnly || undefined,
        },
        body: { entities: batch.items },
        accept: BULK_ANSWERS,
      });
    } catch (error) {
      // The run was aborted before this batch went out (or out again after a throttled answer);
      // the batches already answered keep their results.
      if (error instanceof RunAbortedError) return { written: [], failed: [], notSent: batch.items.map((e) => e.identifier) };
      if (!(error instanceof PortApiError) || isFatalPortError(error)) throw error;
      return { written: [], failed: batch.items.map((e) => failureFromError(blueprint, e.identifier, error)), notSent: [] };
    }

    const body = BulkWriteBody.safeParse(response.data);
    if (response.status < 300 || (body.success && body.data.errors.length > 0)) {
      if (!body.success) {
        const error = this.unexpected('POST', `/blueprints/${blueprint}/entities/bulk`, response);
        return { written: [], failed: batch.items.map((e) => failureFromError(blueprint, e.identifier, error)), notSent: [] };
      }
      return this.mapBulkAnswer(blueprint, batch, mode, body.data, response.traceId);
    }

    // Rejected as a whole with no per-entity detail: split to find the entity Port objects to.
    if ((response.status === 413 || response.status === 422) && batch.items.length > 1) {
      const [left, right] = halve(batch);
      this.log.debug({ blueprint, status: response.status, size: batch.items.length }, 'Bulk write rejected; splitting the batch');
      const parts = await Promise.all([
        this.writeBatch(blueprint, left, mode, validationOnly),
        this.writeBatch(blueprint, right, mode, validationOnly),
      ]);
      return joinWrites(parts);
    }
    const error = this.apiError('POST', `/blueprints/${blueprint}/entities/bulk`, response);
    return {
      written: [],
      failed: batch.items.map((e) => ({
        ...failureFromError(blueprint, e.identifier, error),
        ownedByOtherWriter: mode === 'create' && response.status === 409,
      })),
      notSent: [],
    };
  }

  private mapBulkAnswer(
    blueprint: string,
    batch: Batch<PortEntity>,
    mode: WriteMode,
    body: z.infer<typeof BulkWriteBody>,
    traceId: string | undefined,
  ): WriteResult {
    const written: WriteResult['written'] = [];
    const failed: EntityFailure[] = [];
    const reported = new Set<number>();
    for (const err of body.errors) {
      const sent = batch.items[err.index];
      if (!sent || reported.has(err.index)) continue;
      reported.add(err.index);
      failed.push({
        blueprint,
        identifier: sent.identifier,
        status: err.statusCode,
        code: err.error,
        message: this.http.withoutSecrets(err.message ?? err.error ?? 'rejected by Port'),
        traceId,
        ...(mode === 'create' && err.statusCode === 409 ? { ownedByOtherWriter: true } : {}),
      });
    }
    for (const ok of body.entities) {
      const sent = batch.items[ok.index];
      if (!sent || reported.has(ok.index)) continue;
      reported.add(ok.index);
      written.push({ identifier: sent.identifier, created: ok.created ?? mode === 'create' });
    }
    batch.items.forEach((sent, i) => {
      if (!reported.has(i)) {
        failed.push({ blueprint, identifier: sent.identifier, message: 'Port did not report a result for this entity', traceId });
      }
    });
    return { written, failed, notSent: [] };
  }

  private async deleteBatch(blueprint: string, identifiers: string[]): Promise<DeleteResult> {
    const path = `/blueprints/${enc(blueprint)}/bulk/entities/delete`;
    let response: PortResponse;
    try {
      response = await this.http.request({
        route: 'POST /blueprints/:bp/bulk/entities/delete',
        method: 'POST',
        path,
        query: { delete_dependents: false },
        body: { entities: identifiers },
      });
    } catch (error) {
      // The run was aborted before this batch went out (or out again after a throttled answer);
      // the batches already answered keep their results.
      if (error instanceof RunAbortedError) return { deleted: [], failed: [], notSent: identifiers };
      if (!(error instanceof PortApiError) || isFatalPortError(error)) throw error;
      return this.deleteRejected(blueprint, identifiers, error);
    }
    const body = DeleteBody.safeParse(response.data);
    if (!body.success) {
      const error = this.unexpected('POST', path, response);
      return { deleted: [], failed: identifiers.map((id) => failureFromError(blueprint, id, error)), notSent: [] };
    }
    // Only what Port names as deleted is taken as deleted (PORT-API.md 2.6).
    const confirmed = new Set(body.data.deletedEntities);
    return {
      deleted: identifiers.filter((id) => confirmed.has(id)),
      failed: identifiers
        .filter((id) => !confirmed.has(id))
        .map((id) => ({ blueprint, identifier: id, message: 'Port did not confirm the deletion', traceId: response.traceId })),
      notSent: [],
    };
  }

  private async deleteRejected(blueprint: string, identifiers: string[], error: PortApiError): Promise<DeleteResult> {
    if (identifiers.length > 1 && error.status !== undefined && error.status >= 400 && error.status < 500) {
      // One entity with dependents fails the whole batch; halve until the blocker is named.
      const mid = Math.ceil(identifiers.length / 2);
      const parts = await Promise.all([
        this.deleteBatch(blueprint, identifiers.slice(0, mid)),
        this.deleteBatch(blueprint, identifiers.slice(mid)),
      ]);
      return joinDeletes(parts);
    }
    const [identifier = ''] = identifiers;
    if (error.status === 404 && error.code === 'not_found' && identifiers.length === 1) {
      // Already gone: the catalog is as this run wants it.
      return { deleted: [identifier], failed: [], notSent: [] };
    }
    const failure = failureFromError(blueprint, identifier, error);
    const dependents = /depend/i.test(`${error.code ?? ''} ${error.portMessage ?? ''}`);
    return { deleted: [], failed: identifiers.map((id) => ({ ...failure, identifier: id, hasDependents: dependents })), notSent: [] };
  }

  private searchedEntity(blueprint: string, raw: unknown): PortEntity[] {
    const parsed = SearchedEntity.safeParse(raw);
    if (parsed.success) return [parsed.data as PortEntity];
    this.log.warn({ blueprint }, 'Port search returned an entity without an identifier; ignored');
    return [];
  }

  private apiError(method: string, path: string, response: PortResponse): PortApiError {
    const body = ErrorBody.safeParse(response.data);
    return new PortApiError({
      method,
      path,
      status: response.status,
      code: body.success ? body.data.error : undefined,
      portMessage: body.success && body.data.message !== undefined ? this.http.withoutSecrets(body.data.message) : undefined,
      traceId: response.traceId,
    });
  }

  private unexpected(method: string, path: string, response: PortResponse, why = 'unexpected response body'): PortApiError {
    return new PortApiError(
      { method, path, status: response.status, traceId: response.traceId },
      { message: `Port ${method} ${path} answered HTTP ${response.status}: ${why}` },
    );
  }
}

function failureFromError(blueprint: string, identifier: string, error: PortApiError): EntityFailure {
  return {
    blueprint,
    identifier,
    status: error.status,
    code: error.code,
    message: error.portMessage ?? error.message,
    traceId: error.traceId,
  };
}

function joinWrites(results: readonly WriteResult[]): WriteResult {
  return {
    written: results.flatMap((r) => r.written),
    failed: results.flatMap((r) => r.failed),
    notSent: results.flatMap((r) => r.notSent),
  };
}

function joinDeletes(results: readonly DeleteResult[]): DeleteResult {
  return {
    deleted: results.flatMap((r) => r.deleted),
    failed: results.flatMap((r) => r.failed),
    notSent: results.flatMap((r) => r.notSent),
  };
}
