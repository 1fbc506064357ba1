/** The OTLP exporter's module (see otlpExporter.ts). */
export type OtlpExporterModule = typeof import('./otlpExporter');

/**
 * Loads the OTLP exporter, only when `otlp` is set. In the npm build this is a dynamic `import()`, so
 * an app that never sets `otlp` ships none of it; the CDN build replaces this module with
 * loadOtlpExporterScript.ts, which takes the exporter from the deferred file (rollup.config.mjs).
 */
export const loadOtlpExporter = (): Promise<OtlpExporterModule> => import('./otlpExporter');
