/**
 * The deferred part: instrumentations that a page needs only after its start-up, loaded then rather
 * than before `init` returns (docs/architecture.md, "What loads when"). Their observers are buffered,
 * so they see the entries made before they were set up. Everything here gets the client passed in:
 * in the CDN build this part is a second file with its own copy of the small helpers it uses.
 */
export { createHttpTimings } from './httpTimings';
export { instrumentLongAnimationFrames } from './longAnimationFrames';
export { instrumentPerformanceSpans } from './performanceSpans';
export { instrumentWebVitals } from './webVitals';
