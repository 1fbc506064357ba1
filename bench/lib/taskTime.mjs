/**
 * The renderer main thread's CPU time spent in tasks so far, in seconds (CDP `Performance.getMetrics`
 * `TaskDuration`; enable the Performance domain with `timeDomain: 'threadTicks'` first).
 */
export async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value;
}
