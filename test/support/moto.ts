import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * moto's server (`pip install 'moto[server]'`) on 127.0.0.1, serving every AWS API at one
 * endpoint. Without Python or moto the AWS integration tests are skipped with a loud notice; under
 * CI=true a missing moto fails the run instead, so CI can never pass without them.
 */
export interface Moto {
  url: string;
  stop(): Promise<void>;
  /** Forgets every resource (moto's reset API), between tests. */
  reset(): Promise<void>;
}

function motoCommand(): string[] | undefined {
  for (const cmd of [['moto_server'], ['python3', '-m', 'moto.server']]) {
    const probe = spawnSync(cmd[0]!, [...cmd.slice(1), '--help'], { stdio: 'ignore' });
    if (probe.status === 0) return cmd;
  }
  return undefined;
}

export const MOTO_COMMAND = motoCommand();

if (!MOTO_COMMAND) {
  const message = 'moto is not installed (pip install "moto[server]"): the AWS integration tests are SKIPPED';
  if (process.env.CI === 'true') throw new Error(`${message.replace('are SKIPPED', 'cannot run')}; CI requires them`);
  console.warn(`\n!!! ${message} !!!\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startMoto(): Promise<Moto> {
  if (!MOTO_COMMAND) throw new Error('moto is not installed');
  const port = await freePort();
  const [cmd, ...args] = MOTO_COMMAND;
  const child: ChildProcess = spawn(cmd!, [...args, '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto did not start on ${url}: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    reset: async () => {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Static credentials and region for clients pointed at moto. */
export const MOTO_CREDENTIALS = { accessKeyId: 'AKIDMOTOTEST', secretAccessKey: 'moto-secret' };
