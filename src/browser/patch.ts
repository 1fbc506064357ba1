/**
 * Patching a global once and fanning out to handlers (patch once, fan out, pass through on undo). The wrapper carries its handler set
 * under a registry-wide Symbol, so a second copy of the SDK on the page (or a second `init`) adds its
 * handler to the existing wrapper instead of wrapping again. Removing the last handler leaves the
 * wrapper in place as a pass-through, because another library may have wrapped ours since.
 */
const HANDLERS = Symbol.for('tracewire.handlers');

type Wrapped<F> = F & { [HANDLERS]?: Set<unknown> };

export function patchOnce<T extends object, K extends keyof T, H>(
  target: T,
  key: K,
  makeWrapper: (original: T[K], handlers: Set<H>) => T[K],
  handler: H,
): () => void {
  const current = target[key] as Wrapped<T[K]>;
  let handlers = current?.[HANDLERS] as Set<H> | undefined;
  if (!handlers) {
    handlers = new Set<H>();
    const wrapper = makeWrapper(current, handlers) as Wrapped<T[K]>;
    Object.defineProperty(wrapper, HANDLERS, { value: handlers });
    // Look like the original to code that checks (`fetch.name`, `fetch.length`).
    for (const prop of ['name', 'length'] as const) {
      try {
        Object.defineProperty(wrapper, prop, { value: (current as { [p: string]: unknown })[prop], configurable: true });
      } catch {
        // not worth failing over
      }
    }
    try {
      target[key] = wrapper;
    } catch {
      return () => undefined;
    }
  }
  const set = handlers;
  set.add(handler);
  return () => void set.delete(handler);
}

/** Runs `fn`, swallowing what it throws: a handler's failure must never reach the page. */
export function safely<A extends unknown[]>(fn: ((...a: A) => void) | undefined, ...args: A): void {
  try {
    fn?.(...args);
  } catch {
    // Instrumentation errors stay inside the SDK.
  }
}
