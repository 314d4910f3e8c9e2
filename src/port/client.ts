import { eitherSignal } from '../http/index.js';
import type { Logger } from '../logger.js';
import { VERSION } from '../version.js';
import { PortEntities } from './entities.js';
import { PortHttp, type PortCallStats, type PortHttpOptions, type PortTransport } from './http.js';
import { PortModelApi } from './model-api.js';

export interface PortClientSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  syncInstance: string;
  logger?: Logger;
  /** Tuning and test seams of the HTTP layer. */
  http?: Partial<Omit<PortHttpOptions, 'baseUrl' | 'clientId' | 'clientSecret' | 'userAgent' | 'logger'>>;
}

export interface PortClient {
  readonly entities: PortEntities;
  readonly model: PortModelApi;
  readonly stats: () => PortCallStats;
  /**
   * The same client (token, pacing, concurrency limit, statistics) for one run: once `signal` fires,
   * no new request starts, every wait ends, and those calls reject with RunAbortedError. A request
   * already sent is left to finish and its answer is used. A view of a view honours both signals.
   * `logger`, when given, is where the view's retries and warnings are logged (a run's, with its runId).
   */
  withSignal(signal: AbortSignal, logger?: Logger): PortClient;
}

/**
 * The stable User-Agent Port records as the writer of each entity (PORT-API.md 7.3), naming the
 * installation so two instances are told apart.
 */
export function userAgent(syncInstance: string): string {
  return `port-catalog-sync/${VERSION} (${syncInstance})`;
}

export function createPortClient(settings: PortClientSettings): PortClient {
  const http = new PortHttp({
    ...settings.http,
    baseUrl: settings.baseUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    userAgent: userAgent(settings.syncInstance),
    logger: settings.logger,
  });
  return clientOver(http, http, settings.logger);
}

function clientOver(http: PortHttp, transport: PortTransport, logger: Logger | undefined): PortClient {
  return {
    entities: new PortEntities(transport, logger),
    model: new PortModelApi(transport),
    stats: () => http.stats,
    withSignal: (signal, runLogger) => {
      const both = eitherSignal(transport.signal, signal) ?? signal;
      return clientOver(http, http.withSignal(both, runLogger), runLogger ?? logger);
    },
  };
}
