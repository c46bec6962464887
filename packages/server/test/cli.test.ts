/** The `volunteerkit-server` command: starts, prints its URL and the seeded keys, stops cleanly on Ctrl-C. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { startServerCli } from './helpers.js';

const cli = new URL('../src/cli.ts', import.meta.url).pathname;

/** The CLI on in-memory PGlite with the demo data: its own lifecycle is what is tested. */
const startCli = (args: string[], env: NodeJS.ProcessEnv, ready: string) =>
  startServerCli(['--data', 'memory', '--seed', ...args], { env, ready });

describe('volunteerkit-server', () => {
  it('serves the seeded API, prints the keys and exits 0 on SIGINT', async () => {
    const run = await startCli([], {}, 'sk_test_enterprise_demo');
    const { child, url } = run;
    try {
      for (const key of ['pk_test_news_demo', 'pk_test_campus_demo', 'sk_test_campus_demo', 'pk_test_enterprise_demo']) assert.ok(run.output.includes(key), key);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      const channel = await (await fetch(`${url}/v1/channel?key=pk_test_campus_demo`)).json();
      assert.equal(channel.id, 'chn_campusdemo');
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0, run.output);
      assert.match(run.output, /SIGINT: closing/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('VK_TRUST_PROXY=1 rate-limits each client named by the proxy in X-Forwarded-For, over real sockets', async () => {
    // Limits count per minute of the real clock, which a separate process cannot be handed. If a
    // minute ends during the requests (they take well under a second), they ran in two windows:
    // ask again of a fresh server, whose buckets are empty, instead of waiting for a new minute.
    const minute = () => Math.floor(Date.now() / 60_000);
    for (let attempt = 1; ; attempt++) {
      const run = await startCli(['--rate-limit', '2'], { VK_TRUST_PROXY: '1' }, 'Demo keys');
      const { child, url } = run;
      try {
        assert.match(run.output, /X-Forwarded-For, 1 proxy hop from the right/);
        const get = async (forwardedFor?: string) =>
          (await fetch(`${url}/v1/channel?key=pk_test_news_demo`, { headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {} })).status;
        const startedIn = minute();
        const oneClient = [await get('203.0.113.1'), await get('203.0.113.1'), await get('203.0.113.1')];
        const behindTheSameProxy = await get('198.51.100.7, 203.0.113.2');
        const noUsableHeader = [await get(), await get('not-an-address'), await get('unknown')];
        if (minute() !== startedIn && attempt === 1) continue;
        assert.deepEqual(oneClient, [200, 200, 429]);
        assert.equal(behindTheSameProxy, 200, 'another client behind the same proxy has its own bucket');
        assert.deepEqual(noUsableHeader, [200, 200, 429], 'without a usable header the socket address (127.0.0.1) is the bucket');
        child.kill('SIGINT');
        const [code] = await once(child, 'exit');
        assert.equal(code, 0, run.output);
        return;
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
  });

  it('refuses a VK_TRUST_PROXY that is not a number of hops, before opening anything', async () => {
    for (const value of ['true', '-1', '1.5']) {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--data', 'memory'], { env: { ...process.env, VK_TRUST_PROXY: value }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk) => (output += chunk));
      const [code] = await once(child, 'exit');
      assert.equal(code, 2, output);
      assert.match(output, /Invalid --trust-proxy \(or VK_TRUST_PROXY\)/);
    }
  });

  it('prints help', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(output, /--database-url/);
  });
});
