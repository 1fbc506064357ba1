/** The parts of a request's URL that tracing needs. */
export interface RequestUrl {
  href: string;
  origin: string;
  /** Origin and path: the URL without query and fragment. */
  bare: string;
  pathname: string;
  /** The query with its `?`; empty when there is none (or only the `?`). */
  search: string;
  /** The fragment with its `#`; empty when there is none (or only the `#`). */
  hash: string;
  /** The URL as requested without its fragment: `url.full` (docs/contract.md §3 Requests). */
  full: string;
  hostname: string;
}

// A path (and query) made only of characters that the URL parser copies unchanged into the path and
// query of an http(s) URL: none is in the path or special-query percent-encode sets (WHATWG URL
// §1.3); backslashes and fragments are left out, and so are dot segments, which the parser resolves.
const PLAIN = /^(\/[\w\-.~!$&()*+,;=:@%/]*)(\?[\w\-.~!$&()*+,;=:@%/?]*)?$/;
const DOT_SEGMENT = /\/\.|%2e/i;
const HTTP_ORIGIN = /^https?:\/\/[^/?#\\]+/i;

/** Origin as written → its hostname when the parser leaves that origin unchanged, else null. */
const canonical = new Map<string, string | null>();

function hostnameIfCanonical(origin: string): string | null {
  let hostname = canonical.get(origin);
  if (hostname === undefined) {
    try {
      const u = new URL(origin);
      hostname = u.origin === origin ? u.hostname : null;
    } catch {
      hostname = null;
    }
    // Pages talk to a handful of origins; a page that makes up new ones does not grow this.
    if (canonical.size >= 32) canonical.clear();
    canonical.set(origin, hostname);
  }
  return hostname;
}

function parts(origin: string, hostname: string, pathname: string, search = ''): RequestUrl {
  const bare = origin + pathname;
  const href = bare + search;
  return {
    href,
    origin,
    bare,
    pathname,
    search: search.length > 1 ? search : '',
    hash: '',
    full: href,
    hostname,
  };
}

/** How much of a `data:` or `blob:` URL describes it, after the scheme (docs/contract.md §3 Requests). */
const INLINE_CHARS = 30;
const INLINE = /^(data|blob):/i;

/**
 * A `data:` or `blob:` URL has no origin to join a path to (a data URL's is the string "null"), and a
 * data URL can be megabytes long: it is described by its scheme and first characters instead.
 */
function inlineUrl(raw: string, scheme: string): RequestUrl {
  const cut = scheme.length + 1 + INLINE_CHARS;
  const short = raw.length > cut ? `${raw.slice(0, cut)}…` : raw;
  return { href: raw, origin: 'null', bare: short, pathname: '', search: '', hash: '', full: short, hostname: '' };
}

/**
 * `/path?query` on the page's origin, or `http(s)://origin/path?query` with an origin already in the
 * form the parser gives it, when the path and query leave the parser nothing to change: then the URL
 * is the origin followed by them, and the cost of `new URL` (most of the fetch wrapper's, before) is
 * paid once per origin instead of once per request.
 */
function parseFast(raw: string, pageOrigin: string): RequestUrl | undefined {
  const relative = raw[0] === '/';
  const origin = relative ? pageOrigin : HTTP_ORIGIN.exec(raw)?.[0];
  if (!origin) return undefined;
  const ref = relative ? raw : raw.slice(origin.length);
  // "//host/…" names another origin; a backslash counts as a slash in http(s) URLs.
  if (ref[1] === '/' || ref[1] === '\\' || DOT_SEGMENT.test(ref)) return undefined;
  const m = PLAIN.exec(ref);
  const hostname = m && hostnameIfCanonical(origin);
  return hostname == null ? undefined : parts(origin, hostname, m![1]!, m![2]);
}

/**
 * Resolves a request's URL as the browser does (against the page's URL) and splits it, without
 * throwing: an unparsable URL gives `undefined`. `pageOrigin` is the document's origin, which never
 * changes; the page's full URL is read only when the fast path does not apply.
 */
export function parseRequestUrl(raw: string, pageOrigin: string, pageUrl: () => string): RequestUrl | undefined {
  const fast = parseFast(raw, pageOrigin);
  if (fast) return fast;
  const inline = INLINE.exec(raw);
  if (inline) return inlineUrl(raw, inline[1]!);
  try {
    const u = new URL(raw, pageUrl());
    const url = parts(u.origin, u.hostname, u.pathname, u.search);
    // Keeps the fragment; `full` is the URL without it.
    url.href = u.href;
    url.hash = u.hash.length > 1 ? u.hash : '';
    const fragment = u.href.indexOf('#');
    url.full = fragment < 0 ? u.href : u.href.slice(0, fragment);
    return url;
  } catch {
    return undefined;
  }
}
