import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';

/** A navigation this soon after the open one started, without user input, is a redirect (docs/contract.md §3 Redirects). */
export const REDIRECT_WINDOW_MS = 1500;

const INPUT_EVENTS = ['click', 'keydown'];

/**
 * The redirect rule: a navigation at `now` while `open` (a pageload or navigation) is open is a
 * redirect when `open` started less than REDIRECT_WINDOW_MS before and the last click or key press
 * (`lastInput`, 0 for none) came before that start. All times in ms since the epoch.
 */
export function isRedirect(open: SpanImpl | undefined, now: number, lastInput: number): boolean {
  if (!open || open.endTime !== undefined) return false;
  return now - open.startTime < REDIRECT_WINDOW_MS && lastInput < open.startTime;
}

/**
 * Folds a redirect into the open transaction: a zero-length `navigation.redirect` child named after
 * `path`, and `path` as the transaction's name if its name came from the URL.
 */
export function foldRedirect(client: Client, open: SpanImpl, path: string): void {
  const now = client.now();
  client
    .startSpan({
      name: path,
      op: 'navigation.redirect',
      parentSpan: open,
      startTime: now,
      attributes: { 'sentry.origin': 'auto.navigation.browser' },
    })
    .end(now);
  if (open.source === 'url') open.updateName(path, 'url');
}

/**
 * Records when the user last clicked or pressed a key. Capture-phase listeners on window see the
 * input before any page handler can stop it, and are passive so they never delay it.
 */
export function instrumentUserInput(now: () => number): { lastInput(): number; uninstall(): void } {
  let last = 0;
  const onInput = (): void => {
    last = now();
  };
  const options = { capture: true, passive: true };
  for (const type of INPUT_EVENTS) addEventListener(type, onInput, options);
  return {
    lastInput: () => last,
    uninstall: () => INPUT_EVENTS.forEach((type) => removeEventListener(type, onInput, options)),
  };
}
