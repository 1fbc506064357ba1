import type { Client } from '../core/client';
import { linkPreviousTrace, parsePreviousTrace, serializePreviousTrace } from '../core/previousTrace';
import type { SpanImpl } from '../core/span';
import type { BrowserTracingOptions } from './options';

/** The `sessionStorage` key of `linkPreviousTrace: 'session-storage'` (docs/contract.md §3 Linked traces). */
export const PREVIOUS_TRACE_KEY = 'tracewire_previous_trace';

/**
 * Returns what to call as each pageload or navigation starts: it links the transaction to the root
 * of the previous trace in this tab, then becomes that previous trace itself (docs/contract.md §3
 * Linked traces). `'in-memory'` remembers it for this document; `'session-storage'` also for the next
 * documents of the tab, read once here and written at each start. Storage that throws (disabled,
 * full, sandboxed) is left alone: linking then works as in memory.
 */
export function createTraceLinker(client: Client, mode: BrowserTracingOptions['linkPreviousTrace']): (root: SpanImpl) => void {
  const stored = mode === 'session-storage';
  let previous: string | null = null;
  if (stored) {
    try {
      previous = sessionStorage.getItem(PREVIOUS_TRACE_KEY);
    } catch {
      client.log('sessionStorage unavailable: the previous trace is kept in memory only');
    }
  }
  return (root) => {
    linkPreviousTrace(root, parsePreviousTrace(previous));
    previous = serializePreviousTrace(root);
    if (!stored) return;
    try {
      sessionStorage.setItem(PREVIOUS_TRACE_KEY, previous);
    } catch {
      // unavailable or full: the link still works within this document
    }
  };
}
