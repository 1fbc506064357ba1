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
 * (SPEC §4). Throws on malformed input so a broken envelope fails the test that reads it
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
