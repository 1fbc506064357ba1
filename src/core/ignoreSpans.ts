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
  // A bare string or RegExp is a rule on the name alone.
  const rules: { name?: Pattern; op?: Pattern }[] = [];
  for (const entry of list as unknown[]) {
    const rule = isPattern(entry) ? { name: entry } : entry && typeof entry === 'object' ? (entry as { name?: unknown; op?: unknown }) : {};
    const name = isPattern(rule.name) ? rule.name : undefined;
    const op = isPattern(rule.op) ? rule.op : undefined;
    if (name !== undefined || op !== undefined) rules.push({ name, op });
    else log(`an ignoreSpans entry (${typeof entry}) is neither a string, a RegExp nor a { name, op } pair; left out`);
  }
  if (!rules.length) return undefined;
  return (name, op) => rules.some((r) => (r.name === undefined || matches(name, r.name)) && (r.op === undefined || matches(op, r.op)));
}
