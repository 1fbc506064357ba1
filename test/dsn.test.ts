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
