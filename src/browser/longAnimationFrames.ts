import type { Client } from '../core/client';
import type { SpanImpl } from '../core/span';
import type { Attributes } from '../core/types';
import { observe } from './observe';

// As for long tasks: a page that blocks more often than this has its problem shown already.
const MAX_FRAMES = 200;

/** The parts of a Long Animation Frame entry we read (W3C Long Animation Frames API). */
interface ScriptTiming {
  duration: number;
  invoker?: string;
  invokerType?: string;
  sourceURL?: string;
  sourceFunctionName?: string;
}
interface AnimationFrameTiming extends PerformanceEntry {
  blockingDuration?: number;
  scripts?: ScriptTiming[];
}

/** The frame's data (docs/contract.md §3 Browser spans): its blocking time and its longest script. */
export function frameAttributes(frame: AnimationFrameTiming): Attributes {
  const data: Attributes = { 'sentry.origin': 'auto.ui.browser.metrics' };
  if (typeof frame.blockingDuration === 'number') data['browser.frame.blocking_duration'] = frame.blockingDuration;
  let longest: ScriptTiming | undefined;
  for (const script of frame.scripts ?? []) if (!longest || script.duration > longest.duration) longest = script;
  if (longest) {
    const script: [string, unknown][] = [
      ['invoker', longest.invoker],
      ['invoker_type', longest.invokerType],
      ['source_url', longest.sourceURL],
      ['source_function_name', longest.sourceFunctionName],
      ['duration', longest.duration],
    ];
    for (const [key, value] of script) if (value || value === 0) data[`browser.script.${key}`] = value as string | number;
  }
  return data;
}

function addFrameSpans(client: Client, root: SpanImpl, frames: AnimationFrameTiming[]): void {
  const origin = performance.timeOrigin;
  const from = root.startTime - origin;
  const until = client.now() - origin;
  for (const f of frames.splice(0)) {
    if (f.startTime < from || f.startTime > until) continue;
    client
      .startSpan({
        name: 'Main UI thread blocked',
        op: 'ui.long-animation-frame',
        parentSpan: root,
        startTime: origin + f.startTime,
        attributes: frameAttributes(f),
      })
      .end(origin + f.startTime + f.duration);
  }
}

/**
 * `ui.long-animation-frame` spans (docs/contract.md §3 Browser spans) on every idle transaction, for
 * the frames of 50 ms or more (the browser reports no shorter ones) that started while it was open.
 * Like long tasks, the entries are kept as they arrive and turned into spans as the transaction ends.
 * The caller installs this only where the browser reports `long-animation-frame` entries.
 */
export function instrumentLongAnimationFrames(client: Client): () => void {
  const frames: AnimationFrameTiming[] = [];
  const stopObserving = observe('long-animation-frame', (entries) => {
    for (const e of entries) if (frames.length < MAX_FRAMES) frames.push(e);
  });
  const stopHook = client.onIdleEnding((root) => addFrameSpans(client, root, frames));
  return () => {
    stopObserving();
    stopHook();
  };
}
