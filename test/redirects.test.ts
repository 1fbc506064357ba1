import { describe, expect, it, vi } from 'vitest';
import { foldRedirect, isRedirect, REDIRECT_WINDOW_MS } from '../src/browser/redirects';
import { eachWithFakeClient, T0, type Harness } from './helpers';

// docs/contract.md §3 Redirects.
let h: Harness;
eachWithFakeClient((made) => (h = made));

const open = () => h.client.startIdleSpan({ name: '/login', op: 'pageload', startTime: T0 });

describe('isRedirect', () => {
  it('is a redirect within 1.5 s of the start without input', () => {
    expect(REDIRECT_WINDOW_MS).toBe(1500);
    const root = open();
    expect(isRedirect(root, T0 + 1499, 0)).toBe(true);
    expect(isRedirect(root, T0 + 1500, 0)).toBe(false);
  });

  it('input before the start does not count; a click or key press since the start does', () => {
    const root = open();
    expect(isRedirect(root, T0 + 100, T0 - 1)).toBe(true);
    expect(isRedirect(root, T0 + 100, T0)).toBe(false);
    expect(isRedirect(root, T0 + 100, T0 + 50)).toBe(false);
  });

  it('is never a redirect without an open transaction', () => {
    expect(isRedirect(undefined, T0, 0)).toBe(false);
    const root = open();
    root.end();
    expect(isRedirect(root, T0 + 1, 0)).toBe(false);
  });
});

describe('foldRedirect', () => {
  it('adds a zero-length navigation.redirect child and renames a transaction named from the URL', () => {
    const root = open();
    root.source = 'url';
    vi.advanceTimersByTime(200);
    foldRedirect(h.client, root, '/home');
    vi.advanceTimersByTime(5000);
    const [event] = h.events();
    expect(event!.transaction).toBe('/home');
    expect(event!.transaction_info.source).toBe('url');
    const redirect = event!.spans.find((s) => s.op === 'navigation.redirect')!;
    expect(redirect.description).toBe('/home');
    expect(redirect.start_timestamp).toBe((T0 + 200) / 1000);
    expect(redirect.timestamp).toBe(redirect.start_timestamp);
  });

  it('keeps a name that did not come from the URL', () => {
    const root = open();
    root.updateName('Login page', 'custom');
    foldRedirect(h.client, root, '/home');
    expect(root.name).toBe('Login page');
  });
});
