import type { Logger } from '../logger.js';
import type { SandboxReader } from './reader.js';

export type Json = Record<string, unknown>;

export interface SandboxOptions {
  /** Credentials accepted by POST /v1/auth/access_token. Default: any non-empty clientId/clientSecret pair is accepted. */
  credentials?: { clientId: string; clientSecret: string };
  /** Token lifetime; Port's is 3 hours. */
  tokenTtlSeconds?: number;
  /** Loaded when the sandbox is created if it exists; written (atomically, debounced) after mutations and on close. */
  stateFile?: string;
  logger?: Logger;
  /** Response time of every request (its answer leaves this long after it arrived, the sandbox's own work included), to measure a client against a slow server. */
  latencyMs?: number;
  /** When set: a fixed-window counter, x-ratelimit-* headers on every response, 429 with Retry-After past the limit. */
  rateLimit?: { limit: number; periodSeconds: number };
  /** Clock in milliseconds; tests move it to expire tokens and rate-limit windows. */
  now?: () => number;
  /** Keep request bodies in `stats.requests` (default true); a long benchmark can turn this off to save memory. */
  recordBodies?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** `METHOD template`, e.g. `POST /v1/blueprints/:blueprint/entities/bulk`; `METHOD *` when no route matched. */
  route: string;
  query: Record<string, string | string[]>;
  body: unknown;
  /** The answered status; 0 when the connection was dropped by a fault. */
  status: number;
  userAgent?: string;
}

export interface RouteFilter {
  method?: string;
  /** `METHOD template`, a bare template (any method), or a literal path. */
  route?: string;
}

export interface SandboxStats {
  readonly requests: RecordedRequest[];
  /** Counts keyed by `METHOD template`, e.g. `POST /v1/blueprints/:blueprint/entities/bulk`. */
  countByRoute(): Record<string, number>;
  count(filter?: RouteFilter): number;
  /** Requests to routes that mutate entities (single and bulk upserts, updates and deletes). */
  writes(): number;
  reset(): void;
}

export interface FaultMatch {
  method?: string;
  /** A string is compared with `METHOD template`, the bare template or the path; a RegExp is tested on the path. */
  route?: string | RegExp;
  times?: number;
}

export interface ResponseFault extends FaultMatch {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface EntityFault {
  statusCode: number;
  error: string;
  message: string;
}

export interface SandboxFaults {
  /** Answer the next matching request(s) with this response instead of handling it. */
  add(fault: ResponseFault): void;
  /** Destroy the socket of the next matching request(s) without answering. */
  dropConnection(match?: FaultMatch): void;
  /** Invalidate every token issued so far; the next token request issues a new one. */
  expireTokens(): void;
  /** Report this entity as failed in the next bulk upsert(s) that carry it, while the others land. */
  failEntity(blueprint: string, identifier: string, error: EntityFault, times?: number): void;
  clear(): void;
}

export interface PropertyDef extends Json {
  type: string;
}

export interface RelationDef extends Json {
  target: string;
  required: boolean;
  many: boolean;
}

export interface BlueprintDef extends Json {
  identifier: string;
  title: string;
  schema: { properties: Record<string, PropertyDef>; required: string[] } & Json;
  relations: Record<string, RelationDef>;
  mirrorProperties: Record<string, Json>;
  calculationProperties: Record<string, Json>;
  aggregationProperties: Record<string, Json>;
}

export type RelationValue = string | string[] | null;

/** What a writer sends for an entity (PORT-API.md 2.1), without search identifiers. */
export interface EntityInput {
  identifier: string;
  title?: string | null;
  icon?: string | null;
  team?: string | string[] | null;
  properties?: Record<string, unknown>;
  relations?: Record<string, RelationValue>;
}

export interface StoredEntity {
  identifier: string;
  title?: string;
  icon?: string;
  team: string[];
  properties: Record<string, unknown>;
  relations: Record<string, string | string[]>;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  /** The last writer's User-Agent (PORT-API.md 7.3). */
  datasource?: string;
}

export interface SandboxState {
  version: 1;
  blueprints: Json[];
  entities: Record<string, StoredEntity[]>;
  scorecards: Record<string, Json[]>;
  pages: Json[];
}

export interface SandboxStore {
  /** Blueprint definitions by identifier. */
  readonly blueprints: Map<string, BlueprintDef>;
  /** Entities of a blueprint by identifier; an empty map for a blueprint with none. */
  entities(blueprint: string): Map<string, StoredEntity>;
  /** Stores a blueprint without the API's checks (fills the sections Port defaults). */
  seedBlueprint(def: Json & { identifier: string }): BlueprintDef;
  /** Stores an entity without the API's checks; the blueprint must exist. */
  seedEntity(blueprint: string, entity: EntityInput, meta?: { createdBy?: string }): StoredEntity;
  /** Scorecards: blueprint identifier -> scorecard identifier -> definition. */
  readonly scorecards: Map<string, Map<string, Json>>;
  /** Pages by identifier. */
  readonly pages: Map<string, Json>;
  reset(): void;
  toJSON(): SandboxState;
  /** Replaces the whole state with a `toJSON()` snapshot. */
  load(state: unknown): void;
}

export interface Sandbox {
  /** The catalog as Port's reads return it, computed values included; for in-process readers (preview). */
  readonly reader: SandboxReader;
  /** `http://127.0.0.1:PORT`; valid after start. */
  readonly url: string;
  start(port?: number, host?: string): Promise<string>;
  /** Closes the server and its keep-alive sockets, and writes the state file. */
  close(): Promise<void>;
  readonly faults: SandboxFaults;
  readonly stats: SandboxStats;
  readonly store: SandboxStore;
}
