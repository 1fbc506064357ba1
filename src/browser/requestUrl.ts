/** The parts of a request's URL that tracing needs. */
export interface RequestUrl {
  href: string;
  origin: string;
  /** Origin and path: the URL without query and fragment. */
  bare: string;
  pathname: string;
  /** The query with its `?`; empty when there is none (or only the `?`). */
  search: string;
  hostname: string;
}

// A path (and query) made only of characters that the URL parser copies unchanged into the
// path and query of an http(s) URL: none is in the path or special-query percent-encode sets
// (WHATWG URL §1.3), and backslashes, fragments and dot segments are excluded by the checks in
// sameOriginFast. For such a reference the parsed URL is the page's origin followed by it.
const PLAIN = /^(\/[\w\-.~!$&()*+,;=:@%/]*)(\?[\w\-.~!$&()*+,;=:@%/?]*)?$/;
// "." and ".." segments (also percent-encoded) are resolved by the parser: left to it.
const DOT_SEGMENT = /\/\.|%2e/i;
const HTTP_ORIGIN = /^https?:\/\/(.+?)(?::\d+)?$/;
// Each URL getter serialises anew; one match on the normalised href gives all the parts at once,
// for plain http(s) URLs without credentials, where the origin is the href's prefix.
const HTTP_HREF = /^(https?:\/\/([^/?#@]*?)(?::\d+)?)(\/[^?#]*)(\?[^#]*)?/;

let originHost: [origin: string, hostname: string | undefined] = ['', undefined];
// Pages call the same endpoints again and again: the last URL that needed the parser is kept
// (strings only, nothing the page could change).
let last: { raw: string; page: string; url: RequestUrl } | undefined;

function parts(origin: string, hostname: string, pathname: string, search = ''): RequestUrl {
  return {
    href: origin + pathname + search,
    origin,
    bare: origin + pathname,
    pathname,
    search: search.length > 1 ? search : '',
    hostname,
  };
}

/**
 * `/path?query` on the page's own origin (given relative, or absolute with the exact origin), when
 * its characters leave nothing for the URL parser to normalise: about a quarter of the cost of
 * `new URL` in the fetch wrapper, for the most common kind of request URL.
 */
function sameOriginFast(raw: string, pageOrigin: string): RequestUrl | undefined {
  let ref: string;
  if (raw[0] === '/') ref = raw;
  else if (raw.startsWith(pageOrigin) && raw[pageOrigin.length] === '/') ref = raw.slice(pageOrigin.length);
  else return undefined;
  if (ref[1] === '/' || ref[1] === '\\') return undefined; // "//host/…" names another origin
  if (originHost[0] !== pageOrigin) originHost = [pageOrigin, HTTP_ORIGIN.exec(pageOrigin)?.[1]];
  const hostname = originHost[1];
  const m = hostname !== undefined ? PLAIN.exec(ref) : null;
  if (!m || DOT_SEGMENT.test(ref)) return undefined;
  return parts(pageOrigin, hostname!, m[1]!, m[2]);
}

/**
 * Resolves a request's URL as the browser does (against the page's URL) and splits it, without
 * throwing: an unparsable URL gives `undefined`. `pageOrigin` is the document's origin, which never
 * changes; the page's full URL is read only when the fast path does not apply.
 */
export function parseRequestUrl(raw: string, pageOrigin: string, pageUrl: () => string): RequestUrl | undefined {
  const fast = sameOriginFast(raw, pageOrigin);
  if (fast) return fast;
  const page = pageUrl();
  if (last && last.raw === raw && last.page === page) return last.url;
  try {
    const u = new URL(raw, page);
    const href = u.href;
    const m = HTTP_HREF.exec(href);
    const url = m ? parts(m[1]!, m[2]!, m[3]!, m[4]) : parts(u.origin, u.hostname, u.pathname, u.search);
    // The fragment is kept in href, as the parser gives it.
    url.href = href;
    last = { raw, page, url };
    return url;
  } catch {
    return undefined;
  }
}
