import { z } from 'zod';
import { SandboxHttpError } from './http-error.js';
import type { RouteDef, RouteDeps } from './router.js';
import { parseRoute } from './schema-check.js';

/** Port: confirmed (SPEC /v1/auth/access_token — both fields required, additionalProperties false) */
const TokenRequest = z.strictObject({ clientId: z.string(), clientSecret: z.string() });

export function authRoutes(deps: RouteDeps): RouteDef[] {
  return [
    {
      method: 'POST',
      template: '/v1/auth/access_token',
      public: true,
      handle: (ctx) => {
        const { clientId, clientSecret } = parseRoute(TokenRequest, ctx.body);
        if (!deps.tokens.accepts(clientId, clientSecret)) {
          // Port: confirmed status (SPEC 401); Port: assumed (open question 3; error-codes)
          throw new SandboxHttpError(401, 'invalid_credentials', 'The client id or client secret is not valid');
        }
        const { accessToken, expiresIn } = deps.tokens.issue(clientId, clientSecret);
        // Port: confirmed (SPEC 200 body; OCEAN port_mock.py tokenType "Bearer")
        return { status: 200, body: { ok: true, accessToken, expiresIn, tokenType: 'Bearer' } };
      },
    },
  ];
}
