/** Category → time (ms since the epoch) until which nothing of it is sent. `all` covers every category. */
export type RateLimits = Record<string, number>;

interface HeaderGetter {
  get(name: string): string | null;
}

const DEFAULT_RETRY_MS = 60_000;

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number {
  if (!value) return DEFAULT_RETRY_MS;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_MS : Math.max(0, date - now);
}

/**
 * Applies a response's limits. `X-Sentry-Rate-Limits` (`retry_after:categories:scope…`, comma
 * separated; no category means all) wins over `Retry-After`, which only counts with a 429.
 */
export function updateRateLimits(
  limits: RateLimits,
  status: number | undefined,
  headers: HeaderGetter | undefined,
  now: number,
): RateLimits {
  const next = { ...limits };
  const sentryLimits = headers?.get('x-sentry-rate-limits');
  if (sentryLimits) {
    for (const entry of sentryLimits.split(',')) {
      const [retryAfter, categories] = entry.trim().split(':');
      const seconds = parseInt(retryAfter ?? '', 10);
      const until = now + (Number.isNaN(seconds) ? DEFAULT_RETRY_MS : seconds * 1000);
      for (const category of categories ? categories.split(';') : ['']) next[category || 'all'] = until;
    }
  } else if (status === 429) {
    next.all = now + parseRetryAfter(headers?.get('retry-after'), now);
  }
  return next;
}

export function isRateLimited(limits: RateLimits, category: string, now: number): boolean {
  return (limits[category] ?? 0) > now || (limits.all ?? 0) > now;
}
