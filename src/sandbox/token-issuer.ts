import { createHmac, randomBytes } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

interface ActiveToken {
  clientId: string;
  expMs: number;
}

export interface TokenIssuerOptions {
  ttlSeconds: number;
  now: () => number;
  credentials?: { clientId: string; clientSecret: string };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Access tokens shaped like Port's: a JWT with `exp`/`iat` claims, one active token per credential
 * set, handed out again while it is unexpired.
 */
export class TokenIssuer {
  private readonly key = randomBytes(32);
  private readonly valid = new Map<string, ActiveToken>();
  private readonly activeByCredentials = new Map<string, string>();

  constructor(private readonly options: TokenIssuerOptions) {}

  /** Whether the pair is accepted: the configured one, or any non-empty pair. */
  accepts(clientId: string, clientSecret: string): boolean {
    const expected = this.options.credentials;
    if (expected) return clientId === expected.clientId && clientSecret === expected.clientSecret;
    return clientId.length > 0 && clientSecret.length > 0;
  }

  issue(clientId: string, clientSecret: string): IssuedToken {
    const nowMs = this.options.now();
    const credentialKey = `${clientId}\u0000${clientSecret}`;
    const current = this.activeByCredentials.get(credentialKey);
    const active = current === undefined ? undefined : this.valid.get(current);
    if (current !== undefined && active && nowMs < active.expMs) {
      // Port: confirmed (DOCS port-api.info.mdx) — the same token while it is unexpired.
      // Port: assumed (open question 7; token-expires-in-remaining) — expiresIn is the remaining lifetime.
      return { accessToken: current, expiresIn: Math.max(0, Math.floor((active.expMs - nowMs) / 1000)) };
    }
    // Port: confirmed (OCEAN authentication.py — a JWT whose payload carries isMachine for machine credentials)
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.options.ttlSeconds;
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ clientId, isMachine: true, iat, exp, jti: randomBytes(8).toString('hex') })}`;
    const token = `${unsigned}.${createHmac('sha256', this.key).update(unsigned).digest('base64url')}`;
    this.valid.set(token, { clientId, expMs: exp * 1000 });
    this.activeByCredentials.set(credentialKey, token);
    return { accessToken: token, expiresIn: this.options.ttlSeconds };
  }

  /** The client id behind a usable token, or undefined for an unknown or expired one. */
  verify(token: string): string | undefined {
    const active = this.valid.get(token);
    if (!active) return undefined;
    if (this.options.now() >= active.expMs) return undefined;
    return active.clientId;
  }

  expireAll(): void {
    this.valid.clear();
    this.activeByCredentials.clear();
  }
}
