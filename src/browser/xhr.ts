import { patchOnce, safely } from './patch';

/**
 * Called with the XHR and the arguments of `open`, `setRequestHeader`, `send` or `abort`, before the native
 * method runs; what it returns runs after the native method returned or threw (for synchronous XHR,
 * that is when the response is complete).
 */
export type XhrHook = (xhr: XMLHttpRequest, args: unknown[]) => (() => void) | void;

export interface XhrHandlers {
  open: XhrHook;
  setRequestHeader: XhrHook;
  send: XhrHook;
  abort: XhrHook;
}

type Method = keyof XhrHandlers;

function wrapMethod(original: (...a: unknown[]) => unknown, handlers: Set<XhrHook>) {
  return function (this: XMLHttpRequest, ...args: unknown[]): unknown {
    if (!handlers.size) return original.apply(this, args);
    let after: (() => void)[] | undefined;
    for (const h of handlers) {
      try {
        const a = h(this, args);
        if (a) (after ??= []).push(a);
      } catch {
        // never let the SDK stop the page's request
      }
    }
    try {
      return original.apply(this, args);
    } finally {
      after?.forEach((a) => safely(a));
    }
  };
}

/** Hooks `open`, `setRequestHeader`, `send` and `abort` of XMLHttpRequest (once per page); returns the uninstall. */
export function instrumentXhr(handlers: XhrHandlers): () => void {
  const proto = globalThis.XMLHttpRequest?.prototype as unknown as Record<Method, (...a: unknown[]) => unknown> | undefined;
  if (!proto) return () => undefined;
  const undo = (Object.keys(handlers) as Method[]).map((m) => patchOnce(proto, m, wrapMethod, handlers[m]));
  return () => undo.forEach((u) => u());
}
