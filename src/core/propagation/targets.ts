/** A `tracePropagationTargets` entry: a substring of the full URL, or a RegExp. */
export type PropagationTarget = string | RegExp;

/**
 * Whether trace headers may go to the absolute URL `abs` (docs/contract.md §2 `tracePropagationTargets`).
 * `targets` undefined: same origin only. Strings match as substrings of the absolute URL; RegExps are
 * tested on the absolute URL and, for same-origin URLs, on the path too. `[]` matches nothing.
 */
export function shouldPropagateTo(
  abs: { href: string; origin: string; pathname: string },
  targets: readonly PropagationTarget[] | undefined,
  pageOrigin: string,
): boolean {
  const sameOrigin = abs.origin === pageOrigin;
  if (!targets) return sameOrigin;
  const full = abs.href;
  for (const t of targets) {
    if (typeof t === 'string') {
      if (t && full.includes(t)) return true;
    } else if (t instanceof RegExp) {
      // A global or sticky RegExp keeps lastIndex between calls; reset it so results do not alternate.
      t.lastIndex = 0;
      if (t.test(full)) return true;
      t.lastIndex = 0;
      if (sameOrigin && t.test(abs.pathname)) return true;
    }
  }
  return false;
}
