// docs/contract.md §2 markBackgroundSpan and §3 Delivery: a transaction open when the tab is hidden or the page
// is left ends (status cancelled, reason documentHidden) and still reaches the server.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FINISH_REASON, httpSpan, requestWithId, tracingPage, txn, waitForTransaction } from './tracing-support';

/**
 * Hides the tab as far as the page can tell. Headless Chromium keeps every page visible: switching
 * tabs (bringToFront, Target.activateTarget), minimising the window (Browser.setWindowBounds) and
 * background targets all leave `document.visibilityState` at 'visible' (see
 * https://github.com/microsoft/playwright/issues/3570). So the state is overridden on the document
 * and a `visibilitychange` event is fired as the browser fires it: at the document, bubbling.
 * Leaving the page (the specs below) hides the document for real.
 */
async function hideTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
}

const pendingRequest = `window.slow = fetch('/api/delay?ms=8000&id=slow');`;

test('hiding the tab ends the open pageload: cancelled, documentHidden', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/hidden', { script: pendingRequest }));
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  await hideTab(page);
  const envelope = await waitForTransaction(server, 'pageload');
  expect(requestWithId(server, 'slow', '/api/delay').status, 'sent before the request ended').toBeUndefined();
  const event = txn(envelope);
  expect(event.contexts.trace.status).toBe('cancelled');
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(httpSpan(event, '/api/delay').status).toBe('cancelled');
  expect(pageProblems).toEqual([]);
});

test('hiding the tab ends an open navigation the same way', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/hidden'));
  await waitForTransaction(server, 'pageload');
  await page.evaluate(() => {
    history.pushState({}, '', '/hidden/next');
    (window as any).slow = fetch('/api/delay?ms=8000&id=slow');
  });
  await hideTab(page);
  const event = txn(await waitForTransaction(server, 'navigation', '/hidden/next'));
  expect(event.contexts.trace.status).toBe('cancelled');
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(pageProblems).toEqual([]);
});

test('markBackgroundSpan: false keeps the transaction open while hidden', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/hidden', { tracing: 'markBackgroundSpan: false,', script: `fetch('/api/delay?ms=1000&id=slow');` }));
  await hideTab(page);
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording()), 'still open right after hiding').toBe(true);
  const event = txn(await waitForTransaction(server, 'pageload'));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('idleTimeout');
  expect(event.contexts.trace.status).toBe('ok');
  expect(httpSpan(event, '/api/delay').data['http.response.status_code']).toBe(200);
  expect(pageProblems).toEqual([]);
});

test('hiding the tab with no open transaction does nothing', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/hidden'));
  await waitForTransaction(server, 'pageload');
  await hideTab(page);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
  expect(server.envelopes()).toHaveLength(1);
  expect(pageProblems).toEqual([]);
});

test('leaving the page while a request is pending: the pageload still arrives', async ({ page, server, pageProblems }) => {
  const url = tracingPage(server, '/leaving', { script: `fetch('/api/delay?ms=10000&id=pending');` });
  await page.goto(url);
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  await page.goto(`${server.url}/pages/tracing/elsewhere.html`);
  const envelope = await waitForTransaction(server, 'pageload', '/leaving');
  const event = txn(envelope);
  expect(event.contexts.trace.status).toBe('cancelled');
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(httpSpan(event, '/api/delay').status).toBe('cancelled');
  expect(event.request.url).toBe(url);
  expect(envelope.request.headers.referer).toBe(url);
  expect(requestWithId(server, 'pending', '/api/delay').status, 'the page left before its request ended').toBeUndefined();
  expect(pageProblems).toEqual([]);
});

test('closing the tab while a request is pending: the pageload still arrives', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto(tracingPage(server, '/closing', { script: `fetch('/api/delay?ms=10000&id=pending');` }));
  expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
  await page.close({ runBeforeUnload: true });
  const event = txn(await waitForTransaction(server, 'pageload', '/closing'));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(httpSpan(event, '/api/delay').status).toBe('cancelled');
});

test('leaving during a navigation sends the navigation', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/leaving'));
  await waitForTransaction(server, 'pageload');
  await page.evaluate(() => {
    history.pushState({}, '', '/leaving/step-2');
    (window as any).Tracewire.pushActivity('never popped');
  });
  await page.goto(`${server.url}/pages/tracing/elsewhere.html`);
  const event = txn(await waitForTransaction(server, 'navigation', '/leaving/step-2'));
  expect(event.contexts.trace.data[FINISH_REASON]).toBe('documentHidden');
  expect(event.contexts.trace.status).toBe('cancelled');
  expect(pageProblems).toEqual([]);
});
