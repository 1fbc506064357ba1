import { awaitHandover } from './handover';
import type { DeferredPart } from './loadDeferred';

/** The CDN's other files, by name, with their Subresource Integrity hashes: written in by the build (rollup.config.mjs). */
declare const __TRACEWIRE_FILES__: Record<CdnFile, { file: string; integrity: string }>;
type CdnFile = 'deferred' | 'otlp';

// The other files sit beside this one. document.currentScript is only set while this script runs,
// so the URL is read now, not when a file is loaded.
const script = typeof document !== 'undefined' ? document.currentScript : null;
const baseUrl = script instanceof HTMLScriptElement && script.src ? script.src.slice(0, script.src.lastIndexOf('/') + 1) : undefined;

const loading: Partial<Record<CdnFile, Promise<unknown>>> = {};

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}

/**
 * The script URL as the page's policy wants it: under Trusted Types a string is refused, so it goes
 * through a policy named `tracewire` (a page that enforces Trusted Types lists it in its
 * `trusted-types` directive; where it does not, creating the policy fails and the file is not loaded).
 */
function scriptUrl(url: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  return tt ? tt.createPolicy('tracewire', { createScriptURL: (u) => u }).createScriptURL(url) : url;
}

/**
 * Loads one of the CDN's other files by a `<script>` from the same folder as this one, with its
 * Subresource Integrity hash known at build time, so it also works under `script-src 'self'` and where
 * the page requires SRI. The file hands over its exports to this bundle by its URL (handover.ts;
 * src/cdnDeferred.ts, src/cdnOtlp.ts). Loaded once per bundle; rejects
 * when the file cannot be loaded (offline, 404, blocked by a policy, wrong hash), and a later call
 * tries again.
 */
export function loadScript<T>(name: CdnFile): Promise<T> {
  return (loading[name] ??= new Promise((resolve, reject) => {
    if (!baseUrl) return reject(new Error(`the bundle was not loaded by a <script src>, so its ${name} file cannot be found`));
    const { file, integrity } = __TRACEWIRE_FILES__[name];
    const stopWaiting = awaitHandover(baseUrl + file, resolve);
    const s = document.createElement('script');
    s.src = scriptUrl(baseUrl + file);
    s.integrity = integrity;
    s.crossOrigin = 'anonymous';
    s.async = true;
    s.onerror = () => {
      // Another call may try again: the browser may have been offline.
      delete loading[name];
      stopWaiting();
      s.remove();
      reject(
        new Error(`${baseUrl + file} could not be loaded (offline, missing, blocked by a policy, or not matching its integrity hash)`),
      );
    };
    (document.head ?? document.documentElement).appendChild(s);
  })) as Promise<T>;
}

/** The CDN build's loader of the deferred part (the npm build's is loadDeferred.ts). */
export const loadDeferred = (): Promise<DeferredPart> => loadScript<DeferredPart>('deferred');
