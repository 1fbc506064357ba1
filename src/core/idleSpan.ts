import type { SpanImpl, TransactionObserver } from './span';
import type { IdleFinishReason, IdleOptions, SpanStatus } from './types';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** SPEC §2 BrowserTracingOptions defaults. */
export const IDLE_DEFAULTS: Required<IdleOptions> = { idleTimeout: 1000, finalTimeout: 30000, childSpanTimeout: 15000 };

/** The `contexts.trace.data` key the finish reason is recorded under (SPEC §3 Idle). */
export const FINISH_REASON = 'sentry.idle_span_finish_reason';

const STATUS_FOR: Partial<Record<IdleFinishReason, SpanStatus>> = {
  finalTimeout: 'deadline_exceeded',
  heartbeatFailed: 'deadline_exceeded',
  documentHidden: 'cancelled',
  cancelled: 'cancelled',
};

type State = 'open' | 'ending' | 'ended';

/**
 * The idle transaction state machine (SPEC §3 Idle). `open` until one of the timers or an outside
 * call ends it; `ending` while the root's end is being prepared (hooks add their spans, open children
 * are cancelled, the end is trimmed); then `ended`. Child starts and ends cost O(1): they only touch
 * the transaction's open-span Set and this object's timers.
 */
export class IdleSpanController implements TransactionObserver {
  state: State = 'open';
  reason?: IdleFinishReason;
  private readonly opts: Required<IdleOptions>;
  private idleTimer: unknown;
  private finalTimer: unknown;
  private childTimer: unknown;
  private lastChildActivity = 0;
  private idleDeadline = 0;
  /** Activities pushed without a span; those with a span count through the span itself. */
  private bareActivities = new Set<number>();
  private spanActivities = new Map<number, SpanImpl>();

  constructor(
    readonly root: SpanImpl,
    private readonly timers: Timers,
    options: IdleOptions,
    /** Runs while `ending`, before open children are cancelled and the end is trimmed. */
    private readonly onEnding: (root: SpanImpl, reason: IdleFinishReason) => void,
  ) {
    this.opts = { ...IDLE_DEFAULTS };
    for (const k of Object.keys(IDLE_DEFAULTS) as (keyof IdleOptions)[]) {
      const v = options[k];
      if (typeof v === 'number' && v >= 0) this.opts[k] = v;
    }
    root.tx.observer = this;
    this.finalTimer = timers.setTimeout(() => this.finish('finalTimeout'), this.opts.finalTimeout);
    this.armIdle();
  }

  /** Ends the transaction for `reason` (no-op once it is ending). */
  finish(reason: IdleFinishReason, endTime?: number): void {
    if (this.state !== 'open') return;
    this.reason = reason;
    this.root.end(endTime);
  }

  pushActivity(id: number, span?: SpanImpl): void {
    if (this.state !== 'open') return;
    if (span) this.spanActivities.set(id, span);
    else this.bareActivities.add(id);
  }

  /** Returns false when `id` is not one of this transaction's activities. */
  popActivity(id: number): boolean {
    const span = this.spanActivities.get(id);
    if (span) {
      this.spanActivities.delete(id);
      span.end();
      return true;
    }
    if (!this.bareActivities.delete(id)) return false;
    this.maybeArmIdle();
    return true;
  }

  childStarted(): void {
    if (this.state !== 'open') return;
    this.touchChild();
  }

  childEnded(): void {
    if (this.state !== 'open') return;
    this.touchChild();
    this.maybeArmIdle();
  }

  rootEnding(endTime: number | undefined): number | undefined {
    this.state = 'ending';
    this.clear('idleTimer');
    this.clear('finalTimer');
    this.clear('childTimer');
    const root = this.root;
    const reason = (this.reason ??= 'externalFinish');
    root.setAttribute(FINISH_REASON, reason);
    if (!root.status && STATUS_FOR[reason]) root.setStatus(STATUS_FOR[reason]);
    try {
      this.onEnding(root, reason);
    } catch (e) {
      root.tx.host.log(`idle span end hook failed: ${String(e)}`);
    }
    const now = root.tx.host.now();
    for (const child of Array.from(root.tx.open)) {
      if (!child.status) child.setStatus('cancelled');
      child.end(now);
    }
    this.bareActivities.clear();
    this.spanActivities.clear();
    this.state = 'ended';
    if (endTime !== undefined) return endTime;
    // Trim to the last child's end (SPEC §3 Idle); without children, the moment it ended.
    const last = root.tx.lastChildEnd;
    return last > 0 ? Math.max(last, root.startTime) : now;
  }

  private busy(): boolean {
    return this.root.tx.open.size > 0 || this.bareActivities.size > 0;
  }

  private maybeArmIdle(): void {
    if (!this.busy()) this.armIdle();
  }

  /**
   * Idle timeout, re-armed lazily: every time the transaction becomes idle only the deadline moves;
   * the one pending timer checks it when it fires (a request per idle period would otherwise cost a
   * clearTimeout and a setTimeout each). Activity in between simply makes the check come out busy.
   */
  private armIdle(): void {
    this.idleDeadline = this.root.tx.host.now() + this.opts.idleTimeout;
    if (this.idleTimer === undefined) this.waitIdle(this.opts.idleTimeout);
  }

  private waitIdle(ms: number): void {
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = undefined;
      if (this.state !== 'open' || this.busy()) return;
      const left = this.idleDeadline - this.root.tx.host.now();
      if (left <= 0) this.finish('idleTimeout');
      else this.waitIdle(left);
    }, ms);
  }

  /**
   * Child-span timeout: rather than re-arming a timer on every child start and end (a burst of
   * requests would churn timers), note the time and let one timer check it when it fires.
   */
  private touchChild(): void {
    this.lastChildActivity = this.root.tx.host.now();
    if (this.childTimer === undefined && this.root.tx.open.size > 0) this.armChild(this.opts.childSpanTimeout);
  }

  private armChild(ms: number): void {
    this.childTimer = this.timers.setTimeout(() => {
      this.childTimer = undefined;
      if (this.state !== 'open' || this.root.tx.open.size === 0) return;
      const quiet = this.root.tx.host.now() - this.lastChildActivity;
      if (quiet >= this.opts.childSpanTimeout) this.finish('heartbeatFailed');
      else this.armChild(this.opts.childSpanTimeout - quiet);
    }, ms);
  }

  private clear(which: 'idleTimer' | 'finalTimer' | 'childTimer'): void {
    if (this[which] !== undefined) this.timers.clearTimeout(this[which]);
    this[which] = undefined;
  }
}
