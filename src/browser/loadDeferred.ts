/** What the deferred part offers (see deferred.ts). */
export type DeferredPart = typeof import('./deferred');

/**
 * Loads the deferred part. In the npm build this is a dynamic `import()` that bundlers split into a
 * chunk of its own; the CDN build replaces this module with loadDeferredScript.ts (rollup.config.mjs).
 */
export const loadDeferred = (): Promise<DeferredPart> => import('./deferred');
