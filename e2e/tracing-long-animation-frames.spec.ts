// docs/contract.md §3 Browser spans: Long Animation Frames where the browser reports them, in place
// of long tasks; long tasks with enableLongAnimationFrame: false.
import { expect, test } from './fixtures';
import { settlePageload, spansOf, tracingPage, transactions, txn, waitForTransaction } from './tracing-support';

// The pageload is held open until the page's own observer has seen the frame (or task) of the click:
// the SDK's observer is notified in the same task, so the entry is in by then. The SDK sets its observer
// up in an idle callback after init; one the page asks for after init runs after it (\`window.ready\`).
const page13 = (entryType: string) => `
window.hold = Tracewire.pushActivity('until the blocking click is observed');
requestIdleCallback(() => { window.ready = true; }, { timeout: 500 });
new PerformanceObserver((list) => {
  const clicked = window.blockStart;
  if (clicked && list.getEntries().some((e) => e.startTime + e.duration >= clicked)) {
    setTimeout(() => Tracewire.popActivity(window.hold), 0);
  }
}).observe({ type: '${entryType}' });`;
const body = '<button id="block">block</button><script src="/pages/tracing/block.js"></script>';

test('a blocking click handler gives a ui.long-animation-frame span with its script, and no long-task spans', async ({
  page,
  server,
  pageProblems,
}) => {
  expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))).toBe(true);
  await page.goto(tracingPage(server, '/busy', { body, script: page13('long-animation-frame') }));
  await page.waitForFunction(() => (window as any).ready);
  await page.click('#block');
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  await settlePageload(page);
  // On a loaded machine the page's own start-up can make a long frame too, with block.js's evaluation
  // as its longest script: the frame under test is the one the click handler blocked.
  const frames = spansOf(pageload, 'ui.long-animation-frame').filter(
    (s) => s.data['browser.script.source_url']?.endsWith('/block.js') && s.data['browser.script.invoker_type'] === 'event-listener',
  );
  expect(frames, 'one frame blocked by the click handler in block.js').toHaveLength(1);
  const [frame] = frames;
  expect(frame.description).toBe('Main UI thread blocked');
  expect(frame.parent_span_id).toBe(pageload.contexts.trace.span_id);
  expect(frame.data['browser.frame.blocking_duration']).toBeGreaterThan(0);
  expect(frame.data['browser.script.invoker']).toBe('BUTTON#block.onclick');
  expect(frame.data['browser.script.invoker_type']).toBe('event-listener');
  expect(frame.data['browser.script.source_function_name']).toBe('blockMainThread');
  expect(frame.data['browser.script.duration']).toBeGreaterThan(0);
  expect(frame.timestamp).toBeGreaterThan(frame.start_timestamp);
  expect(spansOf(pageload, 'ui.long-task')).toEqual([]);
  expect(transactions(server, 'pageload')).toHaveLength(1);
  expect(pageProblems).toEqual([]);
});

test('enableLongAnimationFrame: false records long tasks instead (control)', async ({ page, server, pageProblems }) => {
  await page.goto(tracingPage(server, '/busy', { body, script: page13('longtask'), tracing: 'enableLongAnimationFrame: false,' }));
  await page.waitForFunction(() => (window as any).ready);
  await page.click('#block');
  const pageload = txn(await waitForTransaction(server, 'pageload'));
  expect(spansOf(pageload, 'ui.long-animation-frame')).toEqual([]);
  const tasks = spansOf(pageload, 'ui.long-task');
  expect(tasks.length).toBeGreaterThan(0);
  expect(tasks.every((t: any) => !('browser.script.source_url' in t.data))).toBe(true);
  expect(pageProblems).toEqual([]);
});
