import { baggageToAdd } from '../core/propagation/baggage';
import type { TraceData } from '../core/types';
import { isRequest } from './fetch';

/** Header lookups by name, case-insensitive: a `Headers` object, or XHR's headers kept in lowercase. */
export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

/**
 * Adds our trace headers to the caller's (docs/contract.md §3 Requests): `sentry-trace` and
 * `traceparent` unless the caller set them, and those of our baggage members that theirs lacks
 * (none when it has `sentry-` ones already). `append` adds a value after the caller's own, as XHR's
 * `setRequestHeader` does: theirs always comes first.
 */
export function addTraceHeaders(ours: TraceData, theirs: HeaderLookup, append: (name: string, value: string) => void): void {
  if (theirs.get('sentry-trace') == null) append('sentry-trace', ours['sentry-trace']!);
  const added = ours.baggage ? baggageToAdd(theirs.get('baggage'), ours.baggage) : '';
  if (added) append('baggage', added);
  // Our tracestate only travels with our traceparent: beside the caller's own it would describe another span.
  if (ours.traceparent && theirs.get('traceparent') == null) {
    append('traceparent', ours.traceparent);
    if (ours.tracestate && theirs.get('tracestate') == null) append('tracestate', ours.tracestate);
  }
}

/** Ours as `[name, value]` pairs, in the order they are sent; an empty baggage is left out. */
function ownPairs(ours: TraceData): [string, string][] {
  const pairs: [string, string][] = [['sentry-trace', ours['sentry-trace']!]];
  if (ours.baggage) pairs.push(['baggage', ours.baggage]);
  if (ours.traceparent) pairs.push(['traceparent', ours.traceparent]);
  if (ours.traceparent && ours.tracestate) pairs.push(['tracestate', ours.tracestate]);
  return pairs;
}

/** Ours as a plain record; an empty baggage is left out. */
function ownRecord(ours: TraceData): Record<string, string> {
  const record: Record<string, string> = { 'sentry-trace': ours['sentry-trace']! };
  if (ours.baggage) record.baggage = ours.baggage;
  if (ours.traceparent) record.traceparent = ours.traceparent;
  if (ours.traceparent && ours.tracestate) record.tracestate = ours.tracestate;
  return record;
}

/**
 * Whether `name` is one of the headers we add, in any case. Most names differ in length from all
 * four, so most are told apart without lowercasing them.
 */
export function isTraceHeader(name: string): boolean {
  const n = name.length;
  if (n !== 7 && n !== 10 && n !== 11 && n !== 12) return false;
  const lower = name.toLowerCase();
  return lower === 'baggage' || lower === 'traceparent' || lower === 'sentry-trace' || lower === 'tracestate';
}

/**
 * A copy of a plain record of headers with ours added, or undefined when the record is not plain
 * enough to copy without changing what fetch reads from it: fetch reads a record's own enumerable
 * string keys (WebIDL record conversion), and throws on enumerable Symbol keys. A record that already
 * has one of our headers goes the general way, which merges case-insensitively.
 */
function recordWithOurs(theirs: object, ours: TraceData): Record<string, unknown> | undefined {
  const proto = Object.getPrototypeOf(theirs) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  if (Object.getOwnPropertySymbols(theirs).length) return undefined;
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(theirs)) {
    // Assigning `__proto__` would set the copy's prototype instead of adding a header.
    if (name === '__proto__' || isTraceHeader(name)) return undefined;
    // Each value (a getter's too) is read once, here, as fetch would have read it once.
    copy[name] = (theirs as Record<string, unknown>)[name];
  }
  return Object.assign(copy, ownRecord(ours));
}

/**
 * A copy of an array of `[name, value]` pairs with ours appended, or undefined when it is not a plain
 * array of pairs (then fetch's own iteration might differ from ours) or it already has one of ours.
 */
function pairsWithOurs(theirs: unknown[], ours: TraceData): unknown[] | undefined {
  if (Object.getPrototypeOf(theirs) !== Array.prototype || theirs[Symbol.iterator] !== Array.prototype[Symbol.iterator]) {
    return undefined;
  }
  const copy: unknown[] = [];
  for (let i = 0; i < theirs.length; i++) {
    const pair = theirs[i];
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || isTraceHeader(pair[0])) return undefined;
    // The caller's pair itself goes into the copy: fetch only reads it.
    copy.push(pair);
  }
  return copy.concat(ownPairs(ours));
}

/**
 * A `Headers` object's entries with ours appended, as an array of pairs, when it has none of ours:
 * fetch reads the array as it would have read the object. Each call into a `Headers` object is
 * costly, so its entries are read in one pass (their names come in lowercase), which also tells
 * whether one of ours is among them; a second `Headers` object would cost several times more.
 */
function headersWithOurs(theirs: Headers, ours: TraceData): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  for (const pair of theirs) {
    if (isTraceHeader(pair[0])) return undefined;
    pairs.push(pair);
  }
  return pairs.concat(ownPairs(ours));
}

const isHeaders = (x: unknown): x is Headers => typeof Headers === 'function' && x instanceof Headers;

/**
 * The headers a fetch call should send: the caller's (`init.headers`, else the `Request`'s) with our
 * trace headers added. The caller's own objects are never modified: theirs are copied, as a plain
 * record or array (cheap, and fetch reads it as it would have read theirs), and through a `Headers`
 * object when ours must be merged into theirs or theirs are of another kind. `undefined` when nothing may be added: the headers are
 * something fetch itself will reject.
 */
export function fetchHeadersWithOurs(input: unknown, init: RequestInit | undefined, ours: TraceData): HeadersInit | undefined {
  const fromInit: unknown = init?.headers;
  const given = fromInit !== undefined ? fromInit : isRequest(input) ? input.headers : undefined;
  // Nothing to merge with: ours go as a plain record, which fetch reads like any other.
  if (given === undefined) return ownRecord(ours);
  if (given === null || typeof given !== 'object') return undefined;
  const fast = Array.isArray(given)
    ? pairsWithOurs(given, ours)
    : isHeaders(given)
      ? headersWithOurs(given, ours)
      : recordWithOurs(given, ours);
  if (fast) return fast as HeadersInit;
  const headers = new Headers(given as HeadersInit);
  // Baggage members joined with a bare comma, as mergeBaggage makes them (Headers#append would add ", ").
  addTraceHeaders(ours, headers, (name, value) => headers.set(name, headers.has(name) ? `${headers.get(name)},${value}` : value));
  return headers;
}
