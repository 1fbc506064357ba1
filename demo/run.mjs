// `npm run demo`: prepares and starts the whole demo on 127.0.0.1, prints where to look, and
// stops everything on Ctrl-C (SIGINT) or SIGTERM.
//
//   1. installs the demo's own dependencies when demo/node_modules is missing or older than
//      demo/package-lock.json (npm ci);
//   2. builds the SDK (npm run build at the root) if its build output is missing;
//   3. builds the shop SPA with Vite;
//   4. starts the Spotlight sidecar, the inventory service and the web backend, in that order.
//
// Ports: DEMO_PORT (web backend, 3000), DEMO_INVENTORY_PORT (3001), DEMO_SPOTLIGHT_PORT (8969);
// 0 picks a free port. Each service reports the port it got back over IPC.
import { fork, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sdkFiles } from './lib/sdkBuild.mjs';

const HOST = '127.0.0.1';
const demoDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = resolve(demoDir, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const children = new Set();
let stopping = false;

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));

try {
  const ports = {
    web: portFromEnv('DEMO_PORT', 3000),
    inventory: portFromEnv('DEMO_INVENTORY_PORT', 3001),
    spotlight: portFromEnv('DEMO_SPOTLIGHT_PORT', 8969),
  };
  await prepare();

  const spotlightPort = await startService('spotlight', join(demoDir, 'spotlight.mjs'), {
    args: [String(ports.spotlight)],
  });
  const spotlight = `http://${HOST}:${spotlightPort}`;
  // Both Node services send to the sidecar's Sentry-compatible ingestion endpoint.
  const dsn = `http://demo@${HOST}:${spotlightPort}/1`;

  const inventoryPort = await startService('inventory', join(demoDir, 'inventory', 'server.mjs'), {
    instrument: join(demoDir, 'inventory', 'instrument.mjs'),
    env: { DEMO_INVENTORY_PORT: String(ports.inventory), SENTRY_DSN: dsn },
  });
  const inventory = `http://${HOST}:${inventoryPort}`;

  const webPort = await startService('web-backend', join(demoDir, 'backend', 'server.mjs'), {
    instrument: join(demoDir, 'backend', 'instrument.mjs'),
    env: {
      DEMO_PORT: String(ports.web),
      DEMO_INVENTORY_URL: inventory,
      DEMO_SPOTLIGHT_URL: `${spotlight}/stream`,
      SENTRY_DSN: dsn,
    },
  });
  const web = `http://${HOST}:${webPort}`;

  console.log(`
tracewire demo is running, everything on ${HOST}:

  Shop (Vue SPA, npm import)         ${web}/
  Plain page (CDN script tag)        ${web}/plain.html
  Traces (Spotlight)                 ${spotlight}/
  Inventory service (backend only)   ${inventory}/products

Click through the shop and place an order, then open the trace in Spotlight.
Press Ctrl-C to stop.
`);
} catch (error) {
  // After Ctrl-C, a service that was still starting fails too: that is no news.
  if (!stopping) console.error(`\ndemo: ${error.message}`);
  await stop(1);
}

/** Installs, builds the SDK and builds the SPA, as far as each is needed. */
async function prepare() {
  // npm keeps a copy of the lockfile it installed from in node_modules: older means stale.
  const installed = join(demoDir, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(join(demoDir, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) {
    console.log('demo: installing the demo dependencies (npm ci --prefix demo)…');
    await run(npm, ['ci', '--prefix', demoDir, '--no-audit', '--no-fund'], repoDir);
  }
  const missing = sdkFiles().filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.log('demo: building the SDK (npm run build)…');
    await run(npm, ['run', 'build'], repoDir);
    const stillMissing = sdkFiles().filter((file) => !existsSync(file));
    if (stillMissing.length > 0) throw new Error(`npm run build did not produce ${stillMissing.join(', ')}`);
  }
  console.log('demo: building the shop app (vite build)…');
  const vite = join(demoDir, 'node_modules', 'vite', 'bin', 'vite.js');
  await run(process.execPath, [vite, 'build', '--config', join(demoDir, 'vite.config.mjs'), '--logLevel', 'warn'], demoDir);
}

/** Runs a command to completion, failing on a non-zero exit. */
function run(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    children.add(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Starts a service with an IPC channel and resolves with the port it reports once listening. */
function startService(name, script, { args = [], instrument, env = {} }) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(script, args, {
      cwd: demoDir,
      env: { ...process.env, ...env },
      // `--import` loads the Sentry set-up before the service's own modules (@sentry/node needs that for ESM).
      execArgv: instrument ? ['--import', pathToFileURL(instrument).href] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    let ready = false;
    child.on('message', (message) => {
      if (!ready && message?.ready === name) {
        ready = true;
        resolvePromise(message.port);
      }
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (!ready) reject(new Error(`${name} exited before it was ready (${signal ?? `exit code ${code}`})`));
      else if (!stopping) {
        console.error(`\ndemo: ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest.`);
        stop(1);
      }
    });
  });
}

/** Stops every child (SIGTERM, then SIGKILL after 5 s) and exits. */
async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map(
    (child) =>
      new Promise((resolvePromise) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
        child.once('exit', resolvePromise);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  );
  await Promise.all(exits);
  process.exit(exitCode);
}

function portFromEnv(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${value} is not a port number`);
  return port;
}
