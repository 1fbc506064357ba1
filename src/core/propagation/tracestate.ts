// W3C Trace Context §3.3.1: list-members are `key=value`, joined by commas with optional spaces or
// tabs around them; empty members are allowed and carry nothing.
const MAX_MEMBERS = 32;
// key = simple-key / multi-tenant-key (tenant-id "@" system-id); value = up to 256 printable ASCII
// characters except "," and "=", not ending in a space.
const KEY = /^(?:[a-z][a-z0-9_\-*/]{0,255}|[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13})$/;
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/**
 * Validates a `tracestate` value (docs/contract.md §3 `tracestate`). A valid one is returned as it
 * came, trimmed, so that it is sent on unchanged; anything invalid (more than 32 members, a bad key or
 * value, a key twice) gives `undefined` and a debug line: the whole header is dropped, as Trace
 * Context allows, since a vendor's partial state is worse than none.
 */
export function parseTracestate(value: unknown, log: (m: string) => void): string | undefined {
  if (typeof value !== 'string') {
    if (value != null) log('tracestate dropped: not a string');
    return undefined;
  }
  const text = value.trim();
  const keys = new Set<string>();
  let problem = '';
  for (const raw of text.split(',')) {
    const member = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (!member) continue;
    const eq = member.indexOf('=');
    const key = member.slice(0, eq);
    if (eq < 1 || !KEY.test(key)) problem = `bad key in "${member}"`;
    else if (!VALUE.test(member.slice(eq + 1))) problem = `bad value in "${member}"`;
    else if (keys.has(key)) problem = `key "${key}" repeated`;
    else keys.add(key);
    if (problem) break;
  }
  if (!problem && keys.size > MAX_MEMBERS) problem = `${keys.size} members, at most ${MAX_MEMBERS} allowed`;
  if (!problem && !keys.size) return undefined;
  if (!problem) return text;
  log(`tracestate dropped: ${problem}`);
  return undefined;
}
