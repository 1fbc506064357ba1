// Reliability §6: a page closed or left while its pageload (or a navigation) is still open delivers
// that transaction all the same (docs/contract.md §3 Delivery: keepalive fetch / sendBeacon). 20 runs, no loss.
import { expect, test } from './fixtures';
import { FINISH_REASON, isTransaction, tracingPage, txn } from './tracing-support';

const RUNS = 20;
type How = 'close' | 'close-with-beforeunload' | 'navigate-away' | 'navigate-during-navigation';
const ways: How[] = ['close', 'close-with-beforeunload', 'navigate-away', 'navigate-during-navigation'];

test(`${RUNS} pages left while a transaction is open: every transaction arrives`, async ({ context, server }) => {
  test.setTimeout(120_000);
  const runs = Array.from({ length: RUNS }, (_, i) => ({ i, how: ways[i % ways.length]! }));
  for (const { i, how } of runs) {
    const page = await context.newPage();
    // A pending request holds the transaction open (idleTimeout never fires while a child is open).
    // The navigation run changes the path right after load without input, which would be folded as a
    // redirect (docs/contract.md §3 Redirects): redirect detection is off so that it is a navigation.
    await page.goto(tracingPage(server, `/rel/deliver-${i}`, { script: `fetch('/api/delay?ms=20000&id=pending-${i}');`, tracing: 'detectRedirects: false,' }));
    if (how === 'navigate-during-navigation') {
      await page.evaluate((n) => { history.pushState({}, '', `/rel/deliver-${n}/next`); void fetch(`/api/delay?ms=20000&id=nav-${n}`); }, i);
      expect(await page.evaluate(() => (window as any).Tracewire.getActiveSpan()?.isRecording())).toBe(true);
    } else {
      expect(await page.evaluate(() => (window as any).Tracewire.getPageloadSpan()?.isRecording())).toBe(true);
    }
    if (how === 'close') await page.close();
    else if (how === 'close-with-beforeunload') await page.close({ runBeforeUnload: true });
    else {
      await page.goto(`${server.url}/api/rel/page`);
      await page.close();
    }
  }
  const expected = runs.map(({ i, how }) => (how === 'navigate-during-navigation' ? `navigation /rel/deliver-${i}/next` : `pageload /rel/deliver-${i}`));
  const arrived = (): string[] => server.envelopes().map(txn).map((e) => `${e.contexts?.trace?.op} ${e.transaction}`);
  await expect.poll(() => expected.filter((x) => !arrived().includes(x)), { timeout: 15_000, message: 'transactions not delivered' }).toEqual([]);
  // Each left transaction ended as the page went away, and none was sent twice.
  for (const { i, how } of runs) {
    const name = how === 'navigate-during-navigation' ? `/rel/deliver-${i}/next` : `/rel/deliver-${i}`;
    const op = how === 'navigate-during-navigation' ? 'navigation' : 'pageload';
    const sent = server.envelopes().filter(isTransaction(op, name)).map(txn);
    expect(sent, `${op} ${name} sent once`).toHaveLength(1);
    expect(sent[0].contexts.trace.data[FINISH_REASON], `${how} run ${i}`).toBe('documentHidden');
  }
  const byWay = Object.fromEntries(ways.map((w) => [w, runs.filter((r) => r.how === w).length]));
  console.log(`delivery: ${RUNS}/${RUNS} delivered (${JSON.stringify(byWay)})`);
});
