/** What the OTLP exporter module offers (see otlpExporter.ts). */
export type OtlpExporterModule = Pick<typeof import('./otlpExporter'), 'createOtlpExporter'>;

/**
 * Loads the OTLP exporter only when `otlp` is set. In the npm build this is a dynamic `import()` that
 * bundlers split into a chunk of its own; the CDN build replaces this module with
 * loadOtlpExporterDeferred.ts, which takes it from the deferred file (rollup.config.mjs).
 */
export const loadOtlpExporter = (): Promise<OtlpExporterModule> => import('./otlpExporter');
