// Starts WebKitWebDriver for the browser tests, on a display of its own (`xvfb-run -a`) and a
// free port, and stops it when the test runner exits. Returns `null` (after saying why) when
// WebKit is not installed, unless `required`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { WEBKIT_DRIVER, WEBKIT_PATH } from '../browsers.mjs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  }).on('error', reject);
});

const accepts = (port) => new Promise((resolve) => {
  const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); }).on('error', () => resolve(false));
});

export async function startWebKitDriver({ required = false } = {}) {
  const missing = [[WEBKIT_DRIVER, onPath(WEBKIT_DRIVER)], ['xvfb-run', onPath('xvfb-run')], [WEBKIT_PATH, existsSync(WEBKIT_PATH)]]
    .filter(([, present]) => !present).map(([name]) => name);
  if (missing.length > 0) {
    const message = `WebKit tests need ${missing.join(', ')} (Debian: apt-get install webkit2gtk-driver xvfb xauth)`;
    if (required) throw new Error(message);
    console.warn(`[browser] WebKit not run: ${message}`);
    return null;
  }
  const port = await freePort();
  // Its own process group, so that stopping it also stops Xvfb and the browsers it started.
  const child = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], { stdio: 'ignore', detached: true });
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ } };
  process.once('exit', stop); // the runner exits through process.exit, Ctrl-C included
  for (let waited = 0; !(await accepts(port)); waited += 100) {
    if (waited > 15_000 || child.exitCode !== null) {
      stop();
      throw new Error(`WebKitWebDriver did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port };
}
