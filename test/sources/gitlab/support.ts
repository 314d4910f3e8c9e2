import { createLogger } from '../../../src/logger.js';
import { createGitlabClient, type GitlabClient, type GitlabClientOptions } from '../../../src/sources/gitlab/client.js';
import { startGitlabFake, type GitlabFake, type GitlabFakeOptions } from '../../support/gitlab-fake.js';

/** A whole second, so epoch-second headers land exactly on it. */
export const NOW = 1_800_000_000_000;

export interface Harness {
  fake: GitlabFake;
  client: GitlabClient;
  /** Every wait the client asked for, backoff and pacing alike, in order. None is real. */
  sleeps: number[];
  /** Raw log lines the client wrote. */
  logLines: string[];
}

const started: GitlabFake[] = [];

/** Closes every fake `harness` started; for afterEach. */
export async function closeFakes(): Promise<GitlabFake[]> {
  const fakes = started.splice(0);
  await Promise.all(fakes.map((f) => f.close()));
  return fakes;
}

/**
 * A fake GitLab and a client on it with test seams: sleeps are recorded and return at once, moving
 * the clock (which starts at NOW) by what they waited; jitter is the midpoint.
 */
export async function harness(fakeOptions: GitlabFakeOptions = {}, clientOptions: Partial<GitlabClientOptions> = {}): Promise<Harness> {
  const fake = await startGitlabFake(fakeOptions);
  started.push(fake);
  const sleeps: number[] = [];
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  let clock = NOW;
  const client = createGitlabClient({
    url: fake.url,
    token: fake.token,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    now: () => clock,
    ...clientOptions,
  });
  return { fake, client, sleeps, logLines };
}

/** Lets the event loop turn until `condition` holds (the fake saw a request, ...). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** `n` projects `acme/p<i>`, each with one file. */
export function manyProjects(n: number, group = 'acme'): { path: string; files: Record<string, string> }[] {
  return Array.from({ length: n }, (_, i) => ({ path: `${group}/p${i}`, files: { 'README.md': `p${i}` } }));
}
