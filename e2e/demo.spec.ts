// The demo as a user runs it: `node demo/run.mjs` (what `npm run demo` runs) on free ports,
// driven in Chromium. Every assertion on ids reads the envelopes the Spotlight sidecar itself
// received, from its SSE stream (GET /stream replays what it holds, then follows).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';

const repoDir = fileURLToPath(new URL('..', import.meta.url));
const screenshotPath = join(repoDir, 'demo', 'screenshot.png');

interface Span {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  op?: string;
  description?: string;
}
interface Transaction {
  transaction: string;
  transaction_info?: { source?: string };
  server_name?: string;
  sdk?: { name?: string };
  contexts: { trace: Span & { status?: string } };
  spans?: Span[];
}
interface Received {
  header: { sdk?: { name?: string }; trace?: Record<string, string> };
  event: Transaction;
}

/** A running `demo/run.mjs` and the URLs it printed. */
interface Demo {
  web: string;
  spotlight: string;
  inventory: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startDemo(): Promise<Demo> {
  const child: ChildProcess = spawn(process.execPath, ['demo/run.mjs'], {
    cwd: repoDir,
    env: { ...process.env, DEMO_PORT: '0', DEMO_INVENTORY_PORT: '0', DEMO_SPOTLIGHT_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Keep reading for the demo's whole life: a full pipe would block its services.
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/Press Ctrl-C to stop/.test(output)) resolve();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`demo exited (${code}) before it was ready:\n${output}`)));
  });
  const url = (label: RegExp) => {
    const match = new RegExp(`${label.source}\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(output);
    if (!match) throw new Error(`the demo printed no ${label.source} URL:\n${output}`);
    return match[1]!;
  };
  return {
    web: url(/Shop \(Vue SPA, npm import\)/),
    spotlight: url(/Traces \(Spotlight\)/),
    inventory: url(/Inventory service \(backend only\)/),
    output: () => output,
    stop,
  };
}

/** Follows the sidecar's SSE stream and keeps every transaction it delivers. */
class SidecarFeed {
  readonly received: Received[] = [];
  private readonly abort = new AbortController();

  static async open(spotlight: string): Promise<SidecarFeed> {
    const feed = new SidecarFeed();
    const response = await fetch(`${spotlight}/stream?client=e2e`, { signal: feed.abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    void feed.read(response.body!);
    return feed;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    }
  }

  private onEvent(block: string) {
    const lines = block.split('\n');
    const type = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
    const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
    // Only what the sidecar took as Sentry envelopes: that is what its UI shows.
    if (type !== 'application/x-sentry-envelope' || !data) return;
    const [header, items] = JSON.parse(data) as [Received['header'], [{ type?: string }, Transaction][]];
    for (const [itemHeader, event] of items) {
      if (itemHeader.type === 'transaction') this.received.push({ header, event });
    }
  }

  /** Where the feed is now; pass it to `find` to see only what arrived later. */
  mark(): number {
    return this.received.length;
  }

  /** Waits until a transaction received after `since` matches. */
  async find(since: number, what: string, match: (t: Transaction, r: Received) => boolean): Promise<Received> {
    let found: Received | undefined;
    await expect
      .poll(() => (found = this.received.slice(since).find((r) => match(r.event, r))), {
        message: `Spotlight received ${what}`,
        timeout: 15_000,
      })
      .toBeDefined();
    return found!;
  }

  close() {
    this.abort.abort();
  }
}

const isBrowser = (r: Received) => r.header.sdk?.name === 'tracewire';
const fromService = (name: string) => (t: Transaction) => t.server_name === name && t.contexts.trace.op === 'http.server';

/** The `{trace id, span id}` of the page's `<meta name="sentry-trace">`. */
async function metaTrace(page: Page) {
  const content = await page.locator('meta[name="sentry-trace"]').getAttribute('content');
  const match = /^([0-9a-f]{32})-([0-9a-f]{16})-1$/.exec(content ?? '');
  expect(match, `sentry-trace meta tag "${content}"`).not.toBeNull();
  return { traceId: match![1]!, spanId: match![2]! };
}

/** Aborts, and records, every request the browser makes beyond loopback. */
async function keepOnLoopback(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  return outside;
}

/** Console errors and uncaught errors (a CSP violation shows up as a console error). */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/**
 * Checks the chain below a browser `http.client` span: the backend's server span is its child,
 * the backend's own call to the inventory is a child of that, and the inventory's server span is
 * a child of the call. Returns the trace id.
 */
async function expectChainBelow(feed: SidecarFeed, since: number, demo: Demo, browserSpan: Span, backendRoute: string, inventoryPath: string) {
  const traceId = browserSpan.trace_id;
  const backend = await feed.find(since, `the backend's ${backendRoute} transaction`, (t) => fromService('web-backend')(t) && t.contexts.trace.parent_span_id === browserSpan.span_id);
  expect(backend.event.transaction).toBe(backendRoute);
  expect(backend.event.contexts.trace.trace_id).toBe(traceId);

  const [method] = backendRoute.split(' ');
  const call = backend.event.spans?.find((s) => s.op === 'http.client' && s.description === `${method} ${demo.inventory}${inventoryPath}`);
  expect(call, `the backend's http.client span for ${inventoryPath}`).toBeDefined();
  expect(call!.trace_id).toBe(traceId);

  const inventory = await feed.find(since, `the inventory's ${inventoryPath} transaction`, (t) => fromService('inventory')(t) && t.contexts.trace.parent_span_id === call!.span_id);
  expect(inventory.event.contexts.trace.trace_id).toBe(traceId);
  expect(inventory.event.transaction).toBe(`${method} ${inventoryPath}`);
  return { traceId, backend, inventory };
}

let demo: Demo;
let feed: SidecarFeed;

test.beforeAll(async () => {
  // Building the shop app (and the SDK, if it was never built) comes first.
  test.setTimeout(240_000);
  demo = await startDemo();
  feed = await SidecarFeed.open(demo.spotlight);
});

test.afterAll(async () => {
  feed?.close();
  await demo?.stop();
});

test.describe('npm run demo', () => {
  let outside: string[];
  let problems: string[];

  test.beforeEach(async ({ context, page }) => {
    outside = await keepOnLoopback(context);
    problems = collectProblems(page);
  });

  test.afterEach(() => {
    expect(outside, 'requests beyond loopback').toEqual([]);
  });

  test('the pageload continues the trace of the backend request that rendered the page', async ({ page }) => {
    const since = feed.mark();
    await page.goto(`${demo.web}/products`);
    await expect(page.locator('.products li')).toHaveCount(5);
    const meta = await metaTrace(page);

    const pageload = await feed.find(since, 'the pageload', (t, r) => isBrowser(r) && t.contexts.trace.op === 'pageload' && t.contexts.trace.trace_id === meta.traceId);
    expect(pageload.event.contexts.trace.parent_span_id).toBe(meta.spanId);
    expect(pageload.event.transaction).toBe('/products');
    // The backend's baggage became the trace's sampling context.
    expect(pageload.header.trace).toMatchObject({ trace_id: meta.traceId, public_key: 'demo', release: 'tracewire-demo@0.0.0', environment: 'demo' });

    // The parent is the backend's own server span for this document, as the backend reported it.
    const document = await feed.find(since, "the backend's GET /products transaction", (t) => fromService('web-backend')(t) && t.contexts.trace.span_id === meta.spanId);
    expect(document.event.contexts.trace.trace_id).toBe(meta.traceId);
    expect(document.event.transaction).toBe('GET /products');
    expect(problems).toEqual([]);
  });

  test('route changes give navigation transactions named after the route pattern', async ({ page }) => {
    await page.goto(`${demo.web}/products`);
    const pageloadTrace = (await metaTrace(page)).traceId;
    await expect(page.locator('.products li')).toHaveCount(5);

    const steps = [
      { click: '[data-test="product-3"]', ready: page.getByRole('heading', { name: 'Wool blanket' }), name: '/products/:id', url: '/products/3' },
      { click: '[data-test="cart-link"]', ready: page.getByRole('heading', { name: 'Checkout' }), name: '/checkout', url: '/checkout' },
      { click: 'nav >> text=Products', ready: page.locator('.products li').first(), name: '/products', url: '/products' },
    ];
    const traces = new Set([pageloadTrace]);
    for (const step of steps) {
      const since = feed.mark();
      await page.click(step.click);
      await expect(step.ready).toBeVisible();
      expect(new URL(page.url()).pathname).toBe(step.url);
      const navigation = await feed.find(since, `the navigation to ${step.url}`, (t, r) => isBrowser(r) && t.contexts.trace.op === 'navigation' && t.transaction === step.name);
      expect(navigation.event.transaction_info?.source).toBe('route');
      // Every navigation starts a trace of its own.
      expect(traces.has(navigation.event.contexts.trace.trace_id)).toBe(false);
      traces.add(navigation.event.contexts.trace.trace_id);
    }
    expect(problems).toEqual([]);
  });

  test('a checkout click makes one trace from the browser through the backend to the inventory', async ({ page, context }) => {
    test.setTimeout(120_000); // three processes and the viewer's first render
    await page.goto(`${demo.web}/products/2`);
    await page.click('[data-test="add-to-cart"]');
    await page.click('text=Go to checkout');
    await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();

    const since = feed.mark();
    await page.click('[data-test="place-order"]');
    await expect(page.locator('[data-test="order-confirmation"]')).toContainText(/Order order-\d+ is reserved/);

    const checkoutUrl = `${demo.web}/api/checkout`;
    const browser = await feed.find(since, 'the browser transaction with the checkout request', (t, r) => isBrowser(r) && (t.spans ?? []).some((s) => s.op === 'http.client' && s.description === `POST ${checkoutUrl}`));
    const request = browser.event.spans!.find((s) => s.description === `POST ${checkoutUrl}`)!;
    expect(request.trace_id).toBe(browser.event.contexts.trace.trace_id);

    const { traceId, inventory } = await expectChainBelow(feed, since, demo, request, 'POST /api/checkout', '/reservations');
    expect(inventory.event.spans?.map((s) => s.description)).toContain('reserve stock');
    expect(problems).toEqual([]);

    // The viewer shows that trace, browser to inventory; its picture goes into the README.
    const viewer = await context.newPage();
    // Tall while the spans are looked for: the viewer renders only the rows in view, and on a loaded
    // machine the browser transaction has more spans (long animation frames) above the backend's.
    await viewer.setViewportSize({ width: 1600, height: 3000 });
    await viewer.goto(`${demo.spotlight}/telemetry/traces/${traceId}`);
    // The viewer is a large single-page app that loads and renders the trace in a fresh tab: on a
    // busy two-core machine that takes longer than the 5 s an expectation waits by default, and it
    // once rendered the trace without the inventory's spans (the feed above had them): a view that
    // lacks some is loaded again.
    // The viewer folds a transaction below the top of the tree when the trace holds more than one,
    // but only if all of them are there at its first render: whether they arrive in one batch or
    // one by one decides it. Each folded row is unfolded by its child-count badge, whose chevron
    // is turned (`rotate-180`) when the row is open.
    // '/reservations': the backend's request span or the inventory's transaction, whichever the viewer lists.
    let views = 0;
    try {
      await expect(async () => {
        if (views++) await viewer.reload();
        await expect(viewer.getByText('POST /api/checkout').first()).toBeVisible({ timeout: 15_000 });
        const folded = viewer.locator('ul.tree li div.bg-primary-600:has(> svg.rotate-0)');
        for (let unfolded = 0; unfolded < 10 && (await folded.count()) > 0; unfolded++) await folded.first().click();
        for (const text of ['place order', 'POST /api/checkout', '/reservations', 'reserve stock', traceId]) {
          await expect(viewer.getByText(text, { exact: false }).first()).toBeVisible({ timeout: 15_000 });
        }
      }).toPass({ timeout: 50_000 });
    } catch (e) {
      // What the viewer did show, for whoever reads the failure.
      await test.info().attach('viewer-text', { body: await viewer.locator('body').innerText(), contentType: 'text/plain' });
      throw e;
    }
    await viewer.setViewportSize({ width: 1600, height: 900 });
    await viewer.screenshot({ path: screenshotPath });
    await test.info().attach('spotlight-trace', { path: screenshotPath, contentType: 'image/png' });
  });

  test('the plain page loads the CDN bundle by script tag and traces like the app', async ({ page }) => {
    const since = feed.mark();
    await page.goto(`${demo.web}/plain.html`);
    expect(await page.evaluate(() => typeof (window as { Tracewire?: { init?: unknown } }).Tracewire?.init)).toBe('function');
    const meta = await metaTrace(page);
    const pageload = await feed.find(since, 'the plain page pageload', (t, r) => isBrowser(r) && t.contexts.trace.op === 'pageload' && t.contexts.trace.trace_id === meta.traceId);
    expect(pageload.event.contexts.trace.parent_span_id).toBe(meta.spanId);
    expect(pageload.event.transaction).toBe('/plain.html');

    const clicked = feed.mark();
    await page.click('#check-stock');
    await expect(page.locator('#stock-result')).toHaveText(/^\d+ in stock$/);
    const productUrl = `${demo.web}/api/products/1`;
    const browser = await feed.find(clicked, 'the check-stock request span', (t, r) => isBrowser(r) && (t.spans ?? []).some((s) => s.op === 'http.client' && s.description === `GET ${productUrl}`));
    const request = browser.event.spans!.find((s) => s.description === `GET ${productUrl}`)!;
    await expectChainBelow(feed, clicked, demo, request, 'GET /api/products/:id', '/products/1');
    expect(problems).toEqual([]);
  });
});
