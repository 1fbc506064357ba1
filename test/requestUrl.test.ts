import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestUrl } from '../src/browser/requestUrl';

const PAGE = 'https://app.example:8443/shop/cart?step=2';
const ORIGIN = 'https://app.example:8443';

/** What the WHATWG URL parser makes of `raw` on PAGE, in the shape parseRequestUrl returns. */
function expected(raw: string, page = PAGE) {
  let u: URL;
  try {
    u = new URL(raw, page);
  } catch {
    return undefined;
  }
  const full = u.href.split('#')[0];
  return { href: u.href, origin: u.origin, bare: u.origin + u.pathname, pathname: u.pathname, search: u.search, hash: u.hash, full, hostname: u.hostname };
}

const parse = (raw: string, origin = ORIGIN, page = PAGE) => parseRequestUrl(raw, origin, () => page);

describe('parseRequestUrl', () => {
  it.each([
    '/api/items',
    '/api/items?id=1&sort=-name',
    '/api/items?',
    '/',
    `${ORIGIN}/api/items?x=1`,
    `${ORIGIN}/`,
    '/a/./b/../c',
    '/a/%2e%2E/b',
    '/.well-known/x',
    '/path with space?q=a b',
    "/it's?q='quoted'",
    '/a\\b',
    '//other.example/x',
    '/\\other.example/x',
    '/x#frag',
    '/x?y#frag',
    '/ünïcode?q=ü',
    '/a^b|c{d}`e',
    'relative/path?q=1',
    '?only=query',
    '#only-fragment',
    'https://other.example/api?q=1',
    'HTTPS://APP.EXAMPLE:8443/Upper',
    'https://app.example:8443/x',
    'https://app.example:443/default-port',
    'https://user:pw@app.example:8443/creds',
    'http://[::1]:3000/v6',
  ])('%s: the same parts as the URL parser', (raw) => {
    expect(parse(raw)).toEqual(expected(raw));
  });

  it('url.full drops the fragment; the fragment is kept apart with its #', () => {
    expect(parse('/x?y=1#frag')).toMatchObject({ full: `${ORIGIN}/x?y=1`, hash: '#frag', search: '?y=1', bare: `${ORIGIN}/x` });
    expect(parse('/x#')).toMatchObject({ full: `${ORIGIN}/x`, hash: '' });
    expect(parse('/x?y=1')).toMatchObject({ full: `${ORIGIN}/x?y=1`, hash: '' });
  });

  it('data: and blob: URLs are described by their scheme and first 30 characters, not joined to an origin', () => {
    const data = `data:text/plain;base64,${'SGVsbG8gd29ybGQh'.repeat(100)}`;
    const d = parse(data)!;
    expect(d.bare).toBe(`${data.slice(0, 35)}…`);
    expect(d.bare.startsWith('data:text/plain;base64,SGVsbG8')).toBe(true);
    expect(d.full).toBe(d.bare);
    expect(d.href).toBe(data);
    expect(d.bare).not.toContain('null');
    expect(parse('data:,hi')).toMatchObject({ bare: 'data:,hi', hostname: '', search: '' });
    const blob = 'blob:https://app.example:8443/0b1c7f4e-9a43-4c4e-8d55-1234567890ab';
    expect(parse(blob)).toMatchObject({ bare: `${blob.slice(0, 35)}…`, hostname: '', origin: 'null' });
  });

  it('gives undefined for what the parser rejects, without throwing', () => {
    expect(parse('http://[bad')).toBeUndefined();
    expect(parse('/x', '', '')).toBeUndefined();
  });

  it('resolves against the page URL when the origin is opaque or unknown', () => {
    expect(parse('/x', 'null', 'https://app.example/y')).toEqual(expected('/x', 'https://app.example/y'));
    expect(parse('/x', '', 'https://app.example/y')).toEqual(expected('/x', 'https://app.example/y'));
  });

  it('reads the page URL only when the same-origin fast path does not apply', () => {
    let reads = 0;
    const page = () => (reads++, PAGE);
    parseRequestUrl('/api/a?b=1', ORIGIN, page);
    parseRequestUrl(`${ORIGIN}/api/c`, ORIGIN, page);
    parseRequestUrl('https://api.other.example/v1/items?page=2', ORIGIN, page);
    expect(reads).toBe(0);
    parseRequestUrl('api/relative', ORIGIN, page);
    expect(reads).toBe(1);
  });

  it('agrees with the URL parser on generated paths and queries, relative and absolute', () => {
    const chars = fc.constantFrom(...'abcXYZ019-._~!$&\'()*+,;=:@%/?#\\ ^|{}`"<>[]é\t'.split(''), '%2e', '%2E', '..', './', '%41');
    const path = fc.array(chars, { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(
      fc.property(path, fc.constantFrom('', ORIGIN, 'http://127.0.0.1:3000', 'https://API.example', 'http://x.example:80', 'https://a@b.example'), (tail, origin) => {
        const raw = origin + '/' + tail;
        expect(parse(raw)).toEqual(expected(raw));
      }),
      { numRuns: 3000 },
    );
  });
});
