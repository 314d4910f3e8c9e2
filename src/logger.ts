import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys whose values are secret wherever they appear. pino's redaction matches paths, so each key is
 * listed at the depths where our objects carry it (an axios config, a headers map, an error).
 */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'clientSecret',
  'client_secret',
  'accessToken',
  'access_token',
  'token',
  'password',
  'secret',
  'private-token',
  'PRIVATE-TOKEN',
  'x-amz-security-token',
  'sessionToken',
  'SecretAccessKey',
  'secretAccessKey',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith('[') ? k : `.${k}`;
  return [k, `*${dot}`, `*.*${dot}`, `*.*.*${dot}`, `*.*.*.*${dot}`];
});

export const REDACTED = '[REDACTED]';

/**
 * Known secret values (the Port client secret, the current access token, the GitLab token) are
 * registered here and scrubbed from every log line, whatever field or message carries them. Path
 * redaction alone misses a secret that ends up inside an error message or a URL.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  add(value: string | undefined | null): void {
    // Very short values would scrub ordinary words; no real credential is this short.
    if (value && value.length >= 6) this.secrets.add(value);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}

export interface LoggerSettings {
  level?: string;
  scrubber?: SecretScrubber;
  /** Where lines go; stdout by default. Tests pass an in-memory stream. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const scrubber = settings.scrubber;
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'port-catalog-sync', ...settings.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    // pino rejects `hooks: undefined`: the key is set only with a scrubber.
    ...(scrubber ? { hooks: { streamWrite: (line: string) => scrubber.scrub(line) } } : {}),
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** A logger that drops everything: the default where a caller passes none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
