import type { AttributeValue } from './types';

/** How long the string form of a value that is not a valid attribute may be. */
export const MAX_ATTRIBUTE_STRING = 256;

const isPrimitive = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const bounded = (s: string): string => (s.length > MAX_ATTRIBUTE_STRING ? `${s.slice(0, MAX_ATTRIBUTE_STRING - 1)}…` : s);

/** What JSON cannot write, as a tag: a BigInt as its digits and `n`, a symbol or a function by name. */
function tag(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  return typeof v === 'function' ? `[Function${v.name ? `: ${v.name}` : ''}]` : v;
}

/**
 * A JSON-like string form that cannot throw: cycles become `[Circular]`, BigInts, symbols and
 * functions a tag. A getter or `toJSON` that throws makes the whole value fall back to its
 * `Object.prototype.toString` tag, and a value that even that cannot describe to `[unserializable]`.
 */
function describe(value: unknown): string {
  const tagged = tag(value);
  if (typeof tagged === 'string') return tagged;
  try {
    const seen = new WeakSet<object>();
    const json = JSON.stringify(value, (_key, v: unknown) => {
      const t = tag(v);
      if (!t || typeof t !== 'object') return t;
      if (seen.has(t)) return '[Circular]';
      seen.add(t);
      return t;
    });
    if (typeof json === 'string') return json;
  } catch {
    // a getter or toJSON that throws: the tag below says at least what it was
  }
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return '[unserializable]';
  }
}

/**
 * What an attribute value is recorded as (docs/contract.md §2, after `StartSpanOptions`): strings,
 * numbers, booleans and arrays of them as they are (an array copied, so later changes to it do not
 * show); `undefined` removes the key; anything else becomes a bounded string form, reported through
 * `onInvalid`, so that no value can make the event unserialisable and lose the transaction.
 */
export function normalizeAttribute(value: unknown, onInvalid: (form: string) => void): AttributeValue | undefined {
  if (value === undefined || isPrimitive(value)) return value;
  try {
    if (Array.isArray(value) && value.every(isPrimitive)) return value.slice();
  } catch {
    // a revoked Proxy, or one that throws on access: described below
  }
  const form = bounded(describe(value));
  onInvalid(form);
  return form;
}
