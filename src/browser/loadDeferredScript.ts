import type { DeferredPart } from './loadDeferred';

/** Where the CDN build writes the deferred file's name and Subresource Integrity hash (rollup.config.mjs). */
declare const __TRACEWIRE_DEFERRED__: { file: string; integrity: string };

/** The deferred file calls the function stored here with its exports (see src/cdnDeferred.ts). */
const READY = Symbol.for('tracewire.deferred');

// The deferred file sits beside this one. document.currentScript is only set while this script runs,
// so the URL is read now, not when the file is loaded.
const script = typeof document !== 'undefined' ? document.currentScript : null;
const baseUrl = script instanceof HTMLScriptElement && script.src ? script.src.replace(/[^/]*$/, '') : undefined;

let loading: Promise<DeferredPart> | undefined;

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}

/**
 * The script URL as the page's policy wants it: under Trusted Types a string is refused, so it goes
 * through a policy named `tracewire` (a page that enforces Trusted Types lists it in its
 * `trusted-types` directive; where it does not, creating the policy fails and the part is not loaded).
 */
function scriptUrl(url: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  return tt ? tt.createPolicy('tracewire', { createScriptURL: (u) => u }).createScriptURL(url) : url;
}

/**
 * The CDN build's loader of the deferred part: a `<script>` for the second file, from the same folder
 * as this one, with its Subresource Integrity hash known at build time, so it also works under
 * `script-src 'self'` and where the page requires SRI. Loaded once per page; rejects when the file
 * cannot be loaded (404, blocked by a policy, wrong hash).
 */
export function loadDeferred(): Promise<DeferredPart> {
  return (loading ??= new Promise<DeferredPart>((resolve, reject) => {
    if (!baseUrl) return reject(new Error('the bundle was not loaded by a <script src>, so the deferred file cannot be found'));
    const { file, integrity } = __TRACEWIRE_DEFERRED__;
    (globalThis as Record<symbol, unknown>)[READY] = resolve;
    const s = document.createElement('script');
    s.src = scriptUrl(baseUrl + file);
    s.integrity = integrity;
    s.crossOrigin = 'anonymous';
    s.async = true;
    s.onerror = () =>
      reject(new Error(`${baseUrl + file} could not be loaded (missing, blocked by a policy, or not matching its integrity hash)`));
    (document.head ?? document.documentElement).appendChild(s);
  }));
}
