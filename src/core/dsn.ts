export interface Dsn {
  publicKey: string;
  projectId: string;
  /** `{protocol}://{host}[:{port}][/{path}]` */
  base: string;
}

// The grammar, checked with string operations rather than a regex: `init` parses the DSN, and the
// first regex a page compiles costs a few hundred µs (test/dsn.test.ts holds the equivalent regex
// and checks both agree):
//   {http|https}://{key}[:{secret}]@{host}[:{port}][/{path segment}…]/{project id}[/]
// key: no `:@/?#` or white space; secret: no `@/?#` or white space; host: `[IPv6]`, or no
// `:@/?#[]` or white space; port: 1 to 5 digits; path segment: no `/?#` or white space;
// project id: letters, digits and `_`.

// The loops below go by UTF-16 unit, not by code point: every character they look for is ASCII, and
// half of a surrogate pair is neither ASCII nor white space, so the answer is the same; an index
// loop is also what V8 runs fastest the first time, when `init` parses the DSN.

/** True when `text` holds none of `banned` and no `?`, `#` or white space (what a regex's `\s` matches). */
function clean(text: string, banned: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '?' || c === '#' || c.trim() === '' || banned.includes(c)) return false;
  }
  return true;
}

/** True when `text` is not empty and `test` holds for each of its characters. */
function every(text: string, test: (c: string) => boolean): boolean {
  for (let i = 0; i < text.length; i++) if (!test(text[i]!)) return false;
  return text !== '';
}
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isWord = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIpv6 = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c === ':' || c === '.';

/** `host[:port]`: the host, and the port with its colon (or ''); undefined when malformed. */
function readAuthority(authority: string): [host: string, port: string] | undefined {
  let host: string;
  let rest: string;
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    host = authority.slice(0, end + 1);
    rest = authority.slice(end + 1);
    if (end < 0 || !every(host.slice(1, -1), isIpv6)) return undefined;
  } else {
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    rest = colon < 0 ? '' : authority.slice(colon);
    if (!host || !clean(host, ':@/[]')) return undefined;
  }
  if (rest && !(rest[0] === ':' && rest.length <= 6 && every(rest.slice(1), isDigit))) return undefined;
  return [host, rest];
}

/** Parses `{protocol}://{publicKey}@{host}[:{port}][/{path}]/{projectId}`; malformed input gives `undefined`. */
export function parseDsn(dsn: unknown): Dsn | undefined {
  if (typeof dsn !== 'string') return undefined;
  const protocol = dsn.startsWith('https://') ? 'https' : dsn.startsWith('http://') ? 'http' : undefined;
  if (!protocol) return undefined;
  const rest = dsn.slice(protocol.length + 3);
  const at = rest.indexOf('@');
  const userinfo = rest.slice(0, Math.max(at, 0));
  const key = userinfo.split(':', 1)[0]!;
  if (at < 0 || !key || !clean(userinfo, '@/')) return undefined;
  // After the `@`: the authority up to the first `/`, then the path, which ends with the project id.
  const tail = rest.slice(at + 1);
  const slash = tail.indexOf('/');
  const authority = slash < 0 ? undefined : readAuthority(tail.slice(0, slash));
  if (!authority) return undefined;
  const path = tail.endsWith('/') ? tail.slice(slash, -1) : tail.slice(slash);
  const last = path.lastIndexOf('/');
  const projectId = path.slice(last + 1);
  const prefix = path.slice(0, last);
  if (!every(projectId, isWord) || !prefix.split('/').every((segment, i) => (i === 0 ? segment === '' : segment && clean(segment, '/')))) {
    return undefined;
  }
  try {
    return { publicKey: decodeURIComponent(key), projectId, base: `${protocol}://${authority[0].toLowerCase()}${authority[1]}${prefix}` };
  } catch {
    return undefined;
  }
}

/** The envelope endpoint of docs/contract.md §2 `dsn`. */
export function envelopeUrl(dsn: Dsn, sdkVersion: string): string {
  return (
    `${dsn.base}/api/${dsn.projectId}/envelope/?sentry_version=7` +
    `&sentry_key=${encodeURIComponent(dsn.publicKey)}&sentry_client=tracewire%2F${sdkVersion}`
  );
}

/** Where envelopes go (docs/contract.md §2): `tunnel` when set, else the DSN's endpoint; none for a missing or malformed DSN. */
export function envelopeEndpoint(options: { dsn?: unknown; tunnel?: string }, sdkVersion: string): string | undefined {
  if (options.tunnel) return options.tunnel;
  const dsn = parseDsn(options.dsn);
  return dsn && envelopeUrl(dsn, sdkVersion);
}
