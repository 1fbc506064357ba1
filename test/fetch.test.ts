import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrumentFetch } from '../src/browser/fetch';

// The wrapper is installed over a stand-in fetch that records what it was called with.
const native = globalThis.fetch;
let seen: { input: unknown; init: RequestInit | undefined }[];
let uninstall: () => void;

beforeEach(() => {
  seen = [];
  globalThis.fetch = function fetch(input: RequestInfo | URL, init?: RequestInit) {
    seen.push({ input, init });
    return Promise.resolve(new Response(''));
  } as typeof fetch;
  uninstall = instrumentFetch((call) => {
    call.headers = { 'x-ours': '1' };
  });
});

afterEach(() => {
  uninstall();
  globalThis.fetch = native;
});

describe('the init fetch is given with our headers', () => {
  it('an object literal of data properties is copied, the caller’s left as it was', async () => {
    const signal = new AbortController().signal;
    const init: RequestInit = { method: 'POST', body: 'b', signal, headers: { 'x-a': '1' } };
    await fetch('/api', init);
    const sent = seen[0]!.init!;
    expect(sent).not.toBe(init);
    expect(Object.getPrototypeOf(sent)).toBe(Object.prototype);
    expect(sent).toEqual({ method: 'POST', body: 'b', signal, headers: { 'x-ours': '1' } });
    expect(init.headers).toEqual({ 'x-a': '1' });
  });

  it('a frozen literal is copied too', async () => {
    await fetch('/api', Object.freeze({ method: 'PUT' }));
    expect(seen[0]!.init).toEqual({ method: 'PUT', headers: { 'x-ours': '1' } });
  });

  it('an init with a getter, or with inherited options, becomes the prototype: fetch reads them itself', async () => {
    let reads = 0;
    const withGetter = {
      get method() {
        reads++;
        return 'POST';
      },
    };
    await fetch('/api', withGetter);
    const sent = seen[0]!.init!;
    expect(Object.getPrototypeOf(sent)).toBe(withGetter);
    // The wrapper reads the method once for the span's name; fetch's own read still reaches the getter.
    expect(reads).toBe(1);
    expect(sent.method).toBe('POST');
    expect(reads).toBe(2);

    const inherited = Object.create({ method: 'PATCH' }) as RequestInit;
    await fetch('/api', inherited);
    expect(Object.getPrototypeOf(seen[1]!.init)).toBe(inherited);
    expect(seen[1]!.init!.method).toBe('PATCH');
    expect(seen[1]!.init!.headers).toEqual({ 'x-ours': '1' });
  });

  it('an own `__proto__` key is not copied as a prototype', async () => {
    const init = JSON.parse('{"__proto__": {"method": "DELETE"}, "cache": "no-store"}') as RequestInit;
    await fetch('/api', init);
    expect(Object.getPrototypeOf(seen[0]!.init)).toBe(init);
  });

  it('without an init, ours go as the only option', async () => {
    await fetch('/api');
    expect(seen[0]!.init).toEqual({ headers: { 'x-ours': '1' } });
  });
});
