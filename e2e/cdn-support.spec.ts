// The CDN bundle in a browser below its ES2022 baseline: it defines nothing, says so at debug
// level, and the README's guarded set-up skips the SDK without an error.
import { cdnPage, dsnFor, expect, test } from './fixtures';

// The README's script-tag set-up, guarded for browsers the bundle does not support.
const guardedInit = (dsn: string) => `
  if (window.Tracewire) {
    Tracewire.init({ dsn: ${JSON.stringify(dsn)}, tracesSampleRate: 1, integrations: [Tracewire.browserTracingIntegration()] });
    window.started = true;
  }`;
// Runs before the bundle: makes this Chromium look like a browser without Array.prototype.at.
const withoutAt = '<script>delete Array.prototype.at;</script>';

for (const old of [true, false]) {
  test(`CDN bundle ${old ? 'without' : 'with'} Array.prototype.at: ${old ? 'bails out quietly' : 'loads and starts'}`, async ({
    page,
    server,
    pageProblems,
  }) => {
    const debug: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'debug') debug.push(msg.text());
    });
    server.page('/support', cdnPage(guardedInit(dsnFor(server)), { head: old ? withoutAt : '' }));
    await page.goto(`${server.url}/support`);
    const state = await page.evaluate(() => ({ tracewire: typeof (window as any).Tracewire, started: (window as any).started === true }));
    expect(state).toEqual(old ? { tracewire: 'undefined', started: false } : { tracewire: 'object', started: true });
    expect(debug.some((line) => line.includes('lacks ES2022 built-ins'))).toBe(old);
    if (!old) await server.waitForEnvelope((env) => env.items.some((item) => item.payload?.contexts?.trace?.op === 'pageload'));
    expect(pageProblems).toEqual([]);
  });
}
