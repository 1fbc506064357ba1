// Checks the recording server itself in real Chromium, so the scenario specs can trust what it
// reports (a preflight it failed to see would make "no preflight" assertions meaningless).
import { expect, test } from './fixtures';

const blank = '<!doctype html><title>harness</title>';

test('records headers, and preflights only for cross-origin requests with added headers', async ({ page, server }) => {
  server.page('/blank.html', blank);
  await page.goto(`${server.url}/blank.html`);
  const echoed = await page.evaluate(async (cross) => {
    await fetch(`${cross}/api/echo?plain=1`); // a simple request: no preflight
    const res = await fetch(`${cross}/api/echo?traced=1`, { headers: { 'sentry-trace': 'abc' } });
    return res.json();
  }, server.crossUrl);

  expect(echoed.headers['sentry-trace']).toBe('abc');
  const preflights = server.preflights();
  expect(preflights).toHaveLength(1);
  expect(preflights[0]!.headers['access-control-request-headers']).toBe('sentry-trace');
  expect(server.requests((r) => r.path === '/api/echo' && r.method === 'GET').map((r) => r.query)).toEqual([
    { plain: '1' },
    { traced: '1' },
  ]);
});

test('parses envelopes and answers them as configured', async ({ page, server }) => {
  server.page('/blank.html', blank);
  server.respondEnvelope(() => ({ status: 429, headers: { 'retry-after': '60' } }));
  await page.goto(`${server.url}/blank.html`);
  const answer = await page.evaluate(async () => {
    const body = ['{"event_id":"e1"}', '{"type":"transaction"}', '{"transaction":"t1"}'].join('\n');
    const res = await fetch('/api/1/envelope/?sentry_key=k', { method: 'POST', body });
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  });

  expect(answer).toEqual({ status: 429, retryAfter: '60' });
  const env = await server.waitForEnvelope((e) => e.items[0]?.payload.transaction === 't1', 2000);
  expect(env.header.event_id).toBe('e1');
  expect(env.request.query.sentry_key).toBe('k');
  expect(env.request.status).toBe(429);
  await expect(server.waitForEnvelope((e) => e.header.event_id === 'none', 200)).rejects.toThrow(/no matching envelope/);
});

test('serves pages and the delay and status routes; a hanging envelope stays unanswered', async ({ page, server }) => {
  server.respondEnvelope({ hang: true });
  await page.goto(`${server.url}/pages/cdn-basic.html`);
  expect(await page.title()).toContain('tracewire');
  const result = await page.evaluate(async () => {
    const status = (await fetch('/api/status?code=503')).status;
    const delayed = await (await fetch('/api/delay?ms=50')).json();
    void fetch('/api/1/envelope/', { method: 'POST', body: '{}\n{"type":"transaction"}\n{}' });
    return { status, delayed };
  });

  expect(result).toEqual({ status: 503, delayed: { ms: 50 } });
  const hanging = await server.waitForEnvelope(undefined, 2000);
  expect(hanging.request.status).toBeUndefined();
});
