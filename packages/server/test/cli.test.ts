/** The `volunteerkit-server` command: starts, prints its URL and the seeded keys, stops cleanly on Ctrl-C. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';

const cli = new URL('../src/cli.ts', import.meta.url).pathname;

describe('volunteerkit-server', () => {
  it('serves the seeded API, prints the keys and exits 0 on SIGINT', async () => {
    const env = { ...process.env };
    delete env['DATABASE_URL']; // the CLI's own lifecycle is what is tested here, on in-memory PGlite
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data', 'memory', '--seed'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000);
        const check = () => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match && output.includes('sk_test_enterprise_demo')) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
      for (const key of ['pk_test_news_demo', 'pk_test_campus_demo', 'sk_test_campus_demo', 'pk_test_enterprise_demo']) assert.ok(output.includes(key), key);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      const channel = await (await fetch(`${url}/v1/channel?key=pk_test_campus_demo`)).json();
      assert.equal(channel.id, 'chn_campusdemo');
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0, output);
      assert.match(output, /SIGINT: closing/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
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
