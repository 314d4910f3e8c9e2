/**
 * Errors a route answers with. Every error body is `{ok: false, error, message}` (PORT-API.md 6.1);
 * handlers throw these and the server turns them into responses, so no handler builds an error
 * body by hand.
 */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SandboxHttpError';
  }

  toBody(): { ok: false; error: string; message: string } {
    return { ok: false, error: this.code, message: this.message };
  }
}

// Port: confirmed (SPEC 422 description)
export const ROUTE_SCHEMA_MESSAGE = "The json provided does not match the route's schema";

/** The body or query does not fit the route's schema. Port: assumed (open question 3; error-codes) */
export function schemaError(detail?: string): SandboxHttpError {
  return new SandboxHttpError(422, 'invalid_request', detail ? `${ROUTE_SCHEMA_MESSAGE}: ${detail}` : ROUTE_SCHEMA_MESSAGE);
}

/** A value breaks the blueprint's own schema. Port: assumed (open question 3; error-codes) */
export function validationError(message: string): SandboxHttpError {
  return new SandboxHttpError(422, 'invalid_entity', message);
}

/** Port: confirmed (OCEAN core/models.py PortAPIErrorMessage.NOT_FOUND; SPEC 404) */
export function notFound(message: string): SandboxHttpError {
  return new SandboxHttpError(404, 'not_found', message);
}

/**
 * Port: confirmed (DOCS api.md — 409 CONFLICT for an existing identifier);
 * Port: assumed (open question 3; conflict-409-identifier-taken) — the code.
 */
export function conflict(message: string): SandboxHttpError {
  return new SandboxHttpError(409, 'identifier_taken', message);
}

/**
 * Port: confirmed (TF port/blueprint/resource.go — code `has_dependents`);
 * Port: assumed (open question 3; has-dependents-409) — the status.
 */
export function hasDependents(message: string): SandboxHttpError {
  return new SandboxHttpError(409, 'has_dependents', message);
}

/** Port: confirmed (SPEC 401 on every route); Port: assumed (open question 3; error-codes) — the code. */
export function unauthorized(message = 'Missing, invalid or expired access token'): SandboxHttpError {
  return new SandboxHttpError(401, 'unauthorized', message);
}
