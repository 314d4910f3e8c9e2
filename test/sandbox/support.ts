import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export const CLIENT = { clientId: 'sync-client', clientSecret: 'sync-secret-value' };
export const USER_AGENT = 'port-catalog-sync/0.1.0 (test)';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  headers: Headers;
}

export type Query = Record<string, string | number | boolean | string[]>;

/** A started sandbox plus a tiny fetch client that fetches and reuses a token. */
export class Harness {
  private accessToken: string | undefined;

  private constructor(readonly sandbox: Sandbox) {}

  static async start(options: SandboxOptions = {}): Promise<Harness> {
    const sandbox = createSandbox(options);
    await sandbox.start();
    return new Harness(sandbox);
  }

  async token(): Promise<string> {
    if (!this.accessToken) {
      const reply = await this.raw('POST', '/v1/auth/access_token', { body: CLIENT });
      if (reply.status !== 200) throw new Error(`token request answered ${reply.status}`);
      this.accessToken = reply.body.accessToken as string;
    }
    return this.accessToken;
  }

  forgetToken(): void {
    this.accessToken = undefined;
  }

  /** An authenticated JSON call. */
  async call(method: string, path: string, body?: unknown, query?: Query): Promise<Reply> {
    const token = await this.token();
    return this.raw(method, path, { body, query, headers: { authorization: `Bearer ${token}` } });
  }

  async raw(
    method: string,
    path: string,
    init: { body?: unknown; query?: Query; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<Reply> {
    const url = new URL(path, this.sandbox.url);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
    }
    const payload = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...init.headers },
      body: payload,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

/** A small catalog: teams, and services with one of each kind of property and relation. */
export function seedCatalog(sandbox: Sandbox): void {
  sandbox.store.seedBlueprint({ identifier: 'team', title: 'Team', schema: { properties: {} } });
  sandbox.store.seedBlueprint({
    identifier: 'service',
    title: 'Service',
    schema: {
      properties: {
        tier: { type: 'string', enum: ['gold', 'silver', 'bronze'] },
        repoUrl: { type: 'string', format: 'url' },
        owner: { type: 'string', format: 'email' },
        releasedAt: { type: 'string', format: 'date-time' },
        cost: { type: 'number', minimum: 0 },
        isRunning: { type: 'boolean' },
        labels: { type: 'object' },
        missingTags: { type: 'array', items: { type: 'string' } },
        slug: { type: 'string', pattern: '^[a-z-]+$', maxLength: 20 },
        language: { type: 'string' },
      },
      required: [],
    },
    relations: {
      team: { target: 'team', required: false, many: false },
      dependsOn: { target: 'service', required: false, many: true },
    },
  });
}

export const bulk = (blueprint: string) => `/v1/blueprints/${encodeURIComponent(blueprint)}/entities/bulk`;
