import { patchOnce, safely } from './patch';

/** One fetch call as handlers see it. A handler that sets `headers` changes what is sent. */
export interface FetchCall {
  method: string;
  url: string;
  input: RequestInfo | URL;
  init?: RequestInit;
  /** The headers to send instead of the caller's, which it must not modify. */
  headers?: HeadersInit;
}

/** Called before the request; what it returns is called when the request settles. */
export type FetchHandler = (call: FetchCall) => ((response: Response | undefined, error?: unknown) => void) | void;

/** Whether `x` is a `Request` (false where the page has none). */
export const isRequest = (x: unknown): x is Request => typeof Request === 'function' && x instanceof Request;

/**
 * `init` with other headers. fetch reads its options with ordinary property lookups (WebIDL
 * dictionaries), so getters and inherited options count; a spread copy would lose them. A plain
 * object of data properties is copied (a copy reads exactly the same); any other `init` becomes the
 * prototype of an object with the headers, which keeps every option, known or future, and reads each
 * getter once, in fetch. (Making an object a prototype costs V8 more than the copy.)
 */
function withHeaders(init: RequestInit | undefined, headers: HeadersInit): RequestInit {
  if (!init || typeof init !== 'object') return { headers };
  return plainCopy(init, headers) ?? (Object.create(init, { headers: { value: headers, enumerable: true } }) as RequestInit);
}

/** A copy of `init` with other headers, when `init` is an object literal holding only data properties. */
function plainCopy(init: object, headers: HeadersInit): RequestInit | undefined {
  if (Object.getPrototypeOf(init) !== Object.prototype) return undefined;
  const copy: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(init)) {
    const property = Object.getOwnPropertyDescriptor(init, name);
    // A getter must run in fetch, once; `__proto__` would set the copy's prototype.
    if (!property || !('value' in property) || name === '__proto__') return undefined;
    copy[name] = property.value;
  }
  copy.headers = headers;
  return copy;
}

function wrap(original: typeof fetch, handlers: Set<FetchHandler>): typeof fetch {
  return function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // eslint-disable-next-line prefer-rest-params
    const args = arguments as unknown as Parameters<typeof fetch>;
    // No arguments: nothing to trace, and fetch's own TypeError must reach the caller untouched.
    if (!handlers.size || !args.length) return original.apply(this, args);
    let done: ((response: Response | undefined, error?: unknown) => void)[] | undefined;
    let call: FetchCall | undefined;
    try {
      const req = isRequest(input) ? input : undefined;
      call = {
        method: String(init?.method ?? req?.method ?? 'GET').toUpperCase(),
        url: req ? req.url : input instanceof URL ? input.href : `${input as string}`,
        input,
        init,
      };
      for (const h of handlers) {
        try {
          const d = h(call);
          if (d) (done ??= []).push(d);
        } catch {
          // a failing handler must not stop the request
        }
      }
    } catch {
      // An input we cannot read (say, an object whose toString throws): let fetch itself judge it.
    }
    const send = call?.headers ? [input, withHeaders(init, call.headers)] : args;
    let promise: Promise<Response>;
    try {
      promise = original.apply(this, send as Parameters<typeof fetch>);
    } catch (e) {
      done?.forEach((d) => safely(d, undefined, e));
      throw e;
    }
    // A replaced fetch may return something that is not a promise; leave that to the caller.
    if (done && typeof (promise as Partial<Promise<Response>> | undefined)?.then === 'function') {
      const callbacks = done;
      // The page gets `promise` itself, so it sees the very same response, rejection and timing.
      promise.then(
        (r) => callbacks.forEach((d) => safely(d, r)),
        (e: unknown) => callbacks.forEach((d) => safely(d, undefined, e)),
      );
    }
    return promise;
  };
}

/** Wraps `globalThis.fetch` (once per page) and routes every call through `handler`; returns the uninstall. */
export function instrumentFetch(handler: FetchHandler): () => void {
  if (typeof globalThis.fetch !== 'function') return () => undefined;
  return patchOnce(globalThis, 'fetch', wrap, handler);
}
