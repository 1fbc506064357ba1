// Wire formats as the tests read them (docs/contract.md §4), shared by the unit tests (test/) and the
// browser tests (e2e/): id and header patterns, and the envelope parser.

/** A 32-digit lowercase hex id (trace ids, event ids). */
export const HEX32 = /^[0-9a-f]{32}$/;
/** A 16-digit lowercase hex id (span ids). */
export const HEX16 = /^[0-9a-f]{16}$/;
/** A `sentry-trace` header: trace id, span id and the optional sampled flag, each captured. */
export const SENTRY_TRACE = /^([0-9a-f]{32})-([0-9a-f]{16})(?:-([01]))?$/;
/** A W3C `traceparent` header of version 00. */
export const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/;

/** One item of an envelope: its header line and the parsed payload line after it. */
export interface EnvelopeItem {
  header: { type: string; [key: string]: unknown };
  payload: any;
}

/** A parsed envelope: its header line and its items. */
export interface Envelope {
  header: Record<string, any>;
  items: EnvelopeItem[];
}

/**
 * Parses envelope text: newline-separated JSON, a header line, then header/payload pairs
 * (docs/contract.md §4). Throws on malformed input so a broken envelope fails the test that reads it
 * instead of being silently skipped.
 */
export function parseEnvelope(body: string): Envelope {
  const lines = body.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new Error('empty envelope body');
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`envelope line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
    }
  });
  const [header, ...rest] = parsed;
  if (rest.length % 2 !== 0) throw new Error(`envelope has an item header without payload: ${body.slice(0, 300)}`);
  const items: EnvelopeItem[] = [];
  for (let i = 0; i < rest.length; i += 2) items.push({ header: rest[i], payload: rest[i + 1] });
  return { header, items };
}

/** The transaction event of an envelope; throws when the envelope carries none. */
export function envelopeEvent(envelope: Envelope): any {
  const item = envelope.items.find((it) => it.header.type === 'transaction');
  if (!item) throw new Error(`envelope has no transaction item: ${JSON.stringify(envelope.items.map((it) => it.header))}`);
  return item.payload;
}
