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
    const run = await startCli(['--rate-limit', '2'], { VK_TRUST_PROXY: '1' }, 'Demo keys');
    const { child, url } = run;
    try {
      assert.match(run.output, /X-Forwarded-For, 1 proxy hop from the right/);
      const get = async (forwardedFor?: string) =>
        (await fetch(`${url}/v1/channel?key=pk_test_news_demo`, { headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {} })).status;
      // Limits count per minute of the real clock: start well inside one, so all of this lands in it.
      const second = new Date().getSeconds();
      if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
      assert.deepEqual([await get('203.0.113.1'), await get('203.0.113.1'), await get('203.0.113.1')], [200, 200, 429]);
      assert.equal(await get('198.51.100.7, 203.0.113.2'), 200, 'another client behind the same proxy has its own bucket');
      assert.deepEqual([await get(), await get('not-an-address'), await get('unknown')], [200, 200, 429],
        'without a usable header the socket address (127.0.0.1) is the bucket');
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0, run.output);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
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
