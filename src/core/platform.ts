import type { Timers } from './idleSpan';

/** Everything the core takes from its environment, so that tests can pass fakes. */
export interface Platform extends Timers {
  /** ms since the epoch, sub-millisecond where the clock allows. */
  now(): number;
  random(): number;
  /** The URL recorded on events (`request.url`) and used to resolve relative request URLs. */
  url(): string;
  /** The browser's `User-Agent`, sent in the event's `request.headers` (docs/contract.md §4). */
  userAgent?: string;
}

const perf = globalThis.performance;
// Read once: it is a getter, and now() runs on every span start and end.
const timeOrigin = perf?.timeOrigin;

export const defaultPlatform: Platform = {
  // timeOrigin + now() is monotonic within a document, unlike Date.now().
  now: timeOrigin ? () => timeOrigin + perf.now() : () => Date.now(),
  random: Math.random,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  url: () => '',
};
