// debug: true in a real page: init says what it installed and where transactions go, warns about a
// mistyped option name, and says how to turn tracing on when no sample rate is set.
import { cdnPage, dsnFor, expect, test } from './fixtures';

for (const mistyped of [true, false]) {
  test(`debug on init, ${mistyped ? 'with a mistyped option and no sample rate' : 'with a correct set-up'}`, async ({
    page,
    server,
    pageProblems,
  }) => {
    const lines: string[] = [];
    page.on('console', (msg) => {
      if (msg.text().startsWith('[tracewire]')) lines.push(msg.text());
    });
    const options = mistyped
      ? `{ dsn: ${JSON.stringify(dsnFor(server))}, debug: true, integration: [Tracewire.browserTracingIntegration()] }`
      : `{ dsn: ${JSON.stringify(dsnFor(server))}, debug: true, tracesSampleRate: 1, integrations: [Tracewire.browserTracingIntegration()] }`;
    server.page('/debug', cdnPage(`Tracewire.init(${options}); window.initDone = true;`));
    await page.goto(`${server.url}/debug`);
    await expect.poll(() => page.evaluate(() => (window as any).initDone === true)).toBe(true);

    const endpoint = `[tracewire] transactions go to Sentry envelopes to ${server.url}/api/1/envelope/`;
    // The report comes with the deferred file, after start-up; its lines reach the test one by one.
    // The last line it prints: the sample-rate hint where one is due, else where transactions go.
    await expect.poll(() => lines).toContain(endpoint);
    if (mistyped) await expect.poll(() => lines.some((line) => line.includes('set tracesSampleRate'))).toBe(true);
    else await page.waitForTimeout(200); // the control: time for a hint that must not come
    expect(lines.includes('[tracewire] unknown option "integration" ignored, did you mean "integrations"?')).toBe(mistyped);
    expect(lines.some((line) => line.includes('set tracesSampleRate'))).toBe(mistyped);
    expect(lines).toContain(
      mistyped
        ? '[tracewire] initialised without integrations: no pageload, navigation or request spans (add browserTracingIntegration())'
        : '[tracewire] initialised with BrowserTracing',
    );
    expect(pageProblems).toEqual([]);
  });
}
