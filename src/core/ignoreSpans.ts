import type { IgnoreSpan } from './options';

type Pattern = string | RegExp;

/** A string matches as a substring, a RegExp by search (which neither reads nor leaves `lastIndex`). */
function matches(value: string | undefined, pattern: unknown): boolean {
  if (value === undefined) return false;
  if (typeof pattern === 'string') return value.includes(pattern);
  return pattern instanceof RegExp && value.search(pattern) !== -1;
}

const isPattern = (p: unknown): p is Pattern => typeof p === 'string' || p instanceof RegExp;

/**
 * The test behind `ignoreSpans` (docs/contract.md §2): a string or RegExp is tested on the span's
 * name; a `{ name?, op? }` pair matches when every part it gives matches. Entries of any other shape
 * are left out with a debug line. `undefined` when nothing is to be ignored, so that callers do no
 * work at all per span in the usual case.
 */
export function createSpanFilter(
  list: readonly IgnoreSpan[] | undefined,
  log: (message: string) => void,
): ((name: string, op: string | undefined) => boolean) | undefined {
  if (!Array.isArray(list)) {
    if (list !== undefined) log('ignoreSpans is not an array; ignoring nothing');
    return undefined;
  }
  const byName: Pattern[] = [];
  const pairs: { name?: Pattern; op?: Pattern }[] = [];
  for (const entry of list as unknown[]) {
    if (isPattern(entry)) {
      byName.push(entry);
      continue;
    }
    const pair = entry && typeof entry === 'object' ? (entry as { name?: unknown; op?: unknown }) : {};
    const name = isPattern(pair.name) ? pair.name : undefined;
    const op = isPattern(pair.op) ? pair.op : undefined;
    if (name !== undefined || op !== undefined) pairs.push({ name, op });
    else log(`an ignoreSpans entry (${typeof entry}) is neither a string, a RegExp nor a { name, op } pair; left out`);
  }
  if (!byName.length && !pairs.length) return undefined;
  return (name, op) =>
    byName.some((p) => matches(name, p)) ||
    pairs.some((p) => (p.name === undefined || matches(name, p.name)) && (p.op === undefined || matches(op, p.op)));
}
