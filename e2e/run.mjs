// Behind `npm run test:e2e`: runs Playwright against the system Chromium, forwarding extra args
// (e.g. `npm run test:e2e -- e2e/cdn-basic.spec.ts --grep idle`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../scripts/chromium.mjs';

if (!existsSync(CHROMIUM_PATH)) {
  console.error(`e2e: ${CHROMIUM_PATH} not found. Install Debian's chromium package (apt-get install chromium); ` +
    'Playwright-downloaded browsers are not used by this project.');
  process.exit(1);
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const child = spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit' });
// Pass Ctrl-C / termination on so Playwright can close its browsers and servers.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  console.error(`e2e: could not start Playwright: ${err.message}`);
  process.exit(1);
});
