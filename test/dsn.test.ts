import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { Client } from '../src/core/client';
import { envelopeEndpoint, envelopeUrl, parseDsn } from '../src/core/dsn';
import { anyString, captureExporter, fakePlatform, useFakeClock } from './helpers';

describe('parseDsn', () => {
  it('parses the plain form', () => {
    expect(parseDsn('https://abc123@o42.ingest.example/1337')).toEqual({ publicKey: 'abc123', projectId: '1337', base: 'https://o42.ingest.example' });
  });

  it('keeps port and path, ignores a secret', () => {
    expect(parseDsn('http://pub:secret@127.0.0.1:9000/sentry/relay/7')).toEqual({
      publicKey: 'pub',
      projectId: '7',
      base: 'http://127.0.0.1:9000/sentry/relay',
    });
  });

  it.each([
    ['no key', 'https://o42.ingest.example/1'],
    ['no project', 'https://key@o42.ingest.example/'],
    ['no path at all', 'https://key@o42.ingest.example'],
    ['non-word project', 'https://key@host/1.2'],
    ['query', 'https://key@host/1?x=1'],
    ['hash', 'https://key@host/1#x'],
    ['other protocol', 'ftp://key@host/1'],
    ['javascript:', 'javascript:alert(1)'],
    ['relative', '/api/1'],
    ['empty', ''],
    ['garbage', 'not a dsn'],
  ])('rejects %s', (_label, dsn) => {
    expect(parseDsn(dsn)).toBeUndefined();
  });

  it('gives undefined for non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['https://k@h/1'], new URL('https://k@h/1')]) expect(parseDsn(v)).toBeUndefined();
  });

  it('a malformed percent-escape in the key does not throw', () => {
    expect(() => parseDsn('https://%zz@host/1')).not.toThrow();
    expect(() => parseDsn('https://%E0%A4%A@host/1')).not.toThrow();
  });

  it('decodes a percent-encoded key', () => {
    expect(parseDsn('https://a%2Bb@host/1')?.publicKey).toBe('a+b');
  });

  it('property: arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyString(), anyString('%0123456789abcdefzAE:').map((s) => `https://${s}@host/1`), anyString().map((s) => `http://k@${s}`)), (s) => {
        const d = parseDsn(s);
        if (d) {
          expect(d.publicKey).not.toBe('');
          expect(d.projectId).toMatch(/^\w+$/);
        }
      }),
    );
  });
});

// The DSN grammar as one regex: parseDsn checks it with string operations (no regex to compile during
// init); this is the oracle both must agree with.
const DSN_GRAMMAR = /^(https?):\/\/([^:@/?#\s]+)(?::[^@/?#\s]*)?@(\[[0-9a-fA-F:.]+\]|[^:@/?#\s[\]]+)(:\d{1,5})?((?:\/[^/?#\s]+)*?)\/(\w+)\/?$/;

function byGrammar(dsn: string): { publicKey: string; projectId: string; base: string } | undefined {
  const m = DSN_GRAMMAR.exec(dsn);
  if (!m) return undefined;
  const [, protocol, key, host, port = '', path, projectId] = m as unknown as string[];
  try {
    return { publicKey: decodeURIComponent(key!), projectId: projectId!, base: `${protocol}://${host!.toLowerCase()}${port}${path}` };
  } catch {
    return undefined;
  }
}

describe('parseDsn agrees with the grammar', () => {
  const parts = fc.constantFrom('https://', 'http://', 'k', 'K3y', ':', 's', '@', '/', '//', '[', ']', '::1', '.', '9000', '123456', '?', '#', ' ', '\u00a0', '\n', '%2B', '%zz', '_', 'é', 'a', 'Host', '-', '1');
  it('on DSN-like strings built from pieces of the grammar', () => {
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 14 }), (pieces) => {
        const dsn = pieces.join('');
        expect(parseDsn(dsn)).toEqual(byGrammar(dsn));
      }),
      { numRuns: 20_000 },
    );
  });

  it('on well-formed DSNs with a piece changed', () => {
    const base = fc.tuple(
      fc.constantFrom('https://', 'http://'),
      fc.constantFrom('pub', 'pub:secret', 'a%2Bb', 'p:'),
      fc.constantFrom('o1.ingest.example', '127.0.0.1', '[::1]', 'HOST', '[fe80::1%]'),
      fc.constantFrom('', ':9000', ':', ':123456'),
      fc.constantFrom('', '/sentry', '/a/b', '//', '/a b'),
      fc.constantFrom('/1', '/42/', '/p_1', '/', '/1//', '/x-y'),
    );
    fc.assert(
      fc.property(base, anyString(), fc.nat(60), ([protocol, key, host, port, path, project], noise, at) => {
        const clean = `${protocol}${key}@${host}${port}${path}${project}`;
        for (const dsn of [clean, clean.slice(0, at) + noise + clean.slice(at)]) expect(parseDsn(dsn)).toEqual(byGrammar(dsn));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('envelopeUrl', () => {
  it('builds the ingestion URL of docs/contract.md §2', () => {
    const dsn = parseDsn('https://abc@o42.ingest.example/1337')!;
    expect(envelopeUrl(dsn, '0.1.0')).toBe(
      'https://o42.ingest.example/api/1337/envelope/?sentry_version=7&sentry_key=abc&sentry_client=tracewire%2F0.1.0',
    );
  });

  it('keeps port and path', () => {
    const dsn = parseDsn('http://publickey@127.0.0.1:8123/prefix/1')!;
    expect(envelopeUrl(dsn, '1.2.3')).toBe(
      'http://127.0.0.1:8123/prefix/api/1/envelope/?sentry_version=7&sentry_key=publickey&sentry_client=tracewire%2F1.2.3',
    );
  });

  it('re-encodes the key', () => {
    const dsn = parseDsn('https://a%2Bb@host/1')!;
    expect(envelopeUrl(dsn, '1')).toContain('&sentry_key=a%2Bb&');
  });
});

describe('Client with a DSN', () => {
  beforeEach(useFakeClock);
  afterEach(() => {
    vi.useRealTimers();
  });

  it('an invalid DSN is logged, never thrown, and leaves no endpoint', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const c = new Client({ dsn: 'nonsense', debug: true, tracesSampleRate: 1 }, fakePlatform(), [captureExporter()]);
    expect(c.dsn).toBeUndefined();
    expect(envelopeEndpoint({ dsn: 'nonsense' }, '0.1.0')).toBeUndefined();
    expect(log.mock.calls.some((args) => String(args[0]).includes('invalid dsn'))).toBe(true);
  });

  it('a DSN with a malformed percent-escape does not make the client throw', () => {
    expect(() => new Client({ dsn: 'https://%zz@host/1', tracesSampleRate: 1 }, fakePlatform(), [captureExporter()])).not.toThrow();
  });

  it('the tunnel wins over the DSN', () => {
    expect(envelopeEndpoint({ dsn: 'https://k@host/1', tunnel: '/tunnel' }, '0.1.0')).toBe('/tunnel');
    expect(envelopeEndpoint({ dsn: 'https://k@host/1' }, '0.1.0')).toBe('https://host/api/1/envelope/?sentry_version=7&sentry_key=k&sentry_client=tracewire%2F0.1.0');
  });

  it('the public key goes into the trace context', () => {
    const c = new Client({ dsn: 'https://k3y@host/1', tracesSampleRate: 1 }, fakePlatform());
    expect(c.getDsc(c.currentTrace()).public_key).toBe('k3y');
  });
});
