/**
 * Real processes for the conformance files: the `volunteerkit-server` CLI on a free port with a
 * fresh in-memory PGlite and the demo seed (rate limits off, so a burst of test traffic is not
 * answered 429), and a Prism validation proxy in front of it. Each resolves once its process says it
 * is listening and is stopped with SIGKILL by `stop()` (nothing here is worth a graceful shutdown).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { OPENAPI_PATH } from './openapi-contract.js';

const root = new URL('../../', import.meta.url).pathname;
const STARTUP_LIMIT_MS = 60_000;

export interface RunningProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns `command` and resolves with the URL it prints that matches `listening`. */
async function startProcess(command: string, args: string[], listening: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<RunningProcess> {
  const child: ChildProcess = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not start within ${STARTUP_LIMIT_MS} ms:\n${output}`)), STARTUP_LIMIT_MS);
      const check = () => {
        const match = listening.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace(/\/$/, ''));
        }
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} exited ${code}:\n${output}`));
      });
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The reference server CLI, seeded, on in-memory PGlite (DATABASE_URL is ignored on purpose). */
export async function startReferenceServer(): Promise<RunningProcess> {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  return startProcess(process.execPath,
    ['--import', 'tsx', 'packages/server/src/cli.ts', '--port', '0', '--data', 'memory', '--seed', '--rate-limit', 'off'],
    /listening on (http:\/\/\S+)/, env);
}

/**
 * `prism proxy --errors docs/openapi.json <target>` (or VK_OPENAPI_DOCUMENT): forwards each request to the server and, on a
 * request or response the document does not allow, answers with an error and an `sl-violations`
 * header instead of the server's answer.
 */
export async function startPrismProxy(target: string): Promise<RunningProcess> {
  const port = await freePort();
  return startProcess(`${root}node_modules/.bin/prism`,
    ['proxy', '--errors', OPENAPI_PATH, target, '--host', '127.0.0.1', '--port', String(port)],
    /Prism is listening on (http:\/\/\S+)/);
}
