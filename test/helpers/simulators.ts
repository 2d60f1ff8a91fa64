// Starts a simulator from simulators/ as its own process on a free port and waits until
// it answers; tests then drive the real adapters against it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Simulator {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startSimulator(file: string, env: Record<string, string> = {}, readyPath = '/_inbox', fixedPort?: number): Promise<Simulator> {
  // a fixed port restarts a simulator where its clients already send
  const port = fixedPort ?? (await freePort());
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('simulators', file)], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${file} exited with ${code}: ${output}`))));
  const ready = (async () => {
    for (;;) {
      try {
        if ((await fetch(url + readyPath)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.race([ready, exited]);
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** The VNPay simulator (simulators/vnpay-gateway.ts) with its merchant code and hash secret. */
export async function startVnpaySimulator(env: Record<string, string> = {}): Promise<Simulator & { tmnCode: string; hashSecret: string }> {
  const tmnCode = env.VNPAY_TMN_CODE ?? 'TEST0001';
  const hashSecret = env.VNPAY_HASH_SECRET ?? 'test-hash-secret-0123456789';
  const sim = await startSimulator('vnpay-gateway.ts', { VNPAY_TMN_CODE: tmnCode, VNPAY_HASH_SECRET: hashSecret, ...env }, '/_state');
  return { ...sim, tmnCode, hashSecret };
}

/** The postal service simulator (simulators/postal-service.ts) with its keys; webhooks go to callbackUrl. */
export async function startPostalSimulator(callbackUrl: string, env: Record<string, string> = {}): Promise<Simulator & { apiKey: string; secret: string; webhookSecret: string }> {
  const keys = { apiKey: 'lang-son-dvc', secret: 'bi-mat-dat-hang-0123456789', webhookSecret: 'bi-mat-webhook-0123456789' };
  const sim = await startSimulator(
    'postal-service.ts',
    { POSTAL_API_KEY: keys.apiKey, POSTAL_SECRET: keys.secret, POSTAL_WEBHOOK_SECRET: keys.webhookSecret, POSTAL_CALLBACK_URL: callbackUrl, WEBHOOK_RETRY_MS: '200', ...env },
    '/__sim/state',
  );
  return { ...sim, ...keys };
}

/** The identity-provider simulator (simulators/identity-provider.ts), its client registered for redirectUri. */
export async function startIdentitySimulator(redirectUri: string, env: Record<string, string> = {}): Promise<Simulator & { clientId: string; clientSecret: string }> {
  const keys = { clientId: 'dvc-test', clientSecret: 'bi-mat-ung-dung-0123456789' };
  const sim = await startSimulator(
    'identity-provider.ts',
    { IDENTITY_CLIENT_ID: keys.clientId, IDENTITY_CLIENT_SECRET: keys.clientSecret, IDENTITY_REDIRECT_URI: redirectUri, ...env },
    '/.well-known/openid-configuration',
  );
  return { ...sim, ...keys };
}

/** The national public-service portal simulator (simulators/national-portal.ts); dossiers submitted on it go to provinceUrl. */
export async function startNationalPortalSimulator(provinceUrl: string, env: Record<string, string> = {}, port?: number): Promise<Simulator & { clientId: string; secret: string }> {
  const keys = { clientId: 'lang-son-test', secret: 'bi-mat-lien-thong-0123456789' };
  const sim = await startSimulator('national-portal.ts', { NATIONAL_PORTAL_CLIENT_ID: keys.clientId, NATIONAL_PORTAL_SECRET: keys.secret, PROVINCE_URL: provinceUrl, ...env }, '/_inbox', port);
  return { ...sim, ...keys };
}

/** Polls a condition until it holds or the deadline passes: no fixed sleeps in tests. */
export async function until(check: () => Promise<boolean> | boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The app's settings that point its VNPay adapter at the simulator. */
export function vnpayEnv(sim: Simulator & { tmnCode: string; hashSecret: string }): Record<string, string> {
  return { VNPAY_URL: `${sim.url}/paymentv2/vpcpay.html`, VNPAY_API_URL: `${sim.url}/merchant_webapi/api/transaction`, VNPAY_TMN_CODE: sim.tmnCode, VNPAY_HASH_SECRET: sim.hashSecret };
}

/** The app's settings that point its postal adapter at the simulator. */
export function postalEnv(sim: Simulator & { apiKey: string; secret: string; webhookSecret: string }): Record<string, string> {
  return { POSTAL_URL: sim.url, POSTAL_API_KEY: sim.apiKey, POSTAL_SECRET: sim.secret, POSTAL_WEBHOOK_SECRET: sim.webhookSecret };
}
