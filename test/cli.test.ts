import { describe, expect, it } from 'vitest';
import { createSandbox } from '../src/sandbox/index.js';
import { cleanEnv, runCli, startCli } from './support/cli.js';

describe('port-sync CLI', () => {
  it('validate exits 0 for a usable configuration', async () => {
    const result = await runCli(['validate'], cleanEnv({ PORT_BASE_URL: 'http://127.0.0.1:5858' }));
    expect(result.stdout).toContain('Configuration is valid');
    expect(result.code).toBe(0);
  });

  it('validate exits 2 and lists every problem, without the secret', async () => {
    const result = await runCli(
      ['validate'],
      cleanEnv({
        PORT_BASE_URL: 'https://port.example.com',
        AWS_REGIONS: 'eu-west-x',
        PORT_CLIENT_SECRET: 'do-not-print-me',
        DELETE_MAX_RATIO: '7',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/AWS_REGIONS \(environment\): "eu-west-x" is not a region name/);
    expect(result.stdout).toMatch(/SYNC_INSTANCE/);
    expect(result.stdout).toMatch(/DELETE_MAX_RATIO/);
    expect(result.stdout).toMatch(/LOG_LEVEL/);
    expect(result.stdout + result.stderr).not.toContain('do-not-print-me');
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['sandbox', '--port', 'x'])).code).toBe(2);
  });

  it('sandbox starts, answers like Port and stops cleanly on SIGTERM', async () => {
    const child = startCli(['sandbox', '--port', '0']);
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => reject(new Error(`sandbox exited early: ${stdout}`)));
    });
    expect(stdout).toContain(`export PORT_BASE_URL=${url}`);
    const token = await fetch(`${url}/v1/auth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'sandbox', clientSecret: 'sandbox' }),
    });
    expect(token.status).toBe(200);
    const { accessToken } = (await token.json()) as { accessToken: string };
    const list = await fetch(`${url}/v1/blueprints`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await list.json()).toMatchObject({ ok: true, blueprints: [] });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
  });

  it('exits 3 when Port refuses the credentials, naming the client and never the secret', async () => {
    const sandbox = createSandbox({ credentials: { clientId: 'right-id', clientSecret: 'right-secret' } });
    const url = await sandbox.start();
    try {
      const result = await runCli(
        ['model', 'plan'],
        cleanEnv({ PORT_BASE_URL: url, PORT_CLIENT_ID: 'right-id', PORT_CLIENT_SECRET: 'wrong-secret-value' }),
      );
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('Port refused the credentials of client right-id');
      expect(result.stdout + result.stderr).not.toContain('wrong-secret-value');
    } finally {
      await sandbox.close();
    }
  });
});
