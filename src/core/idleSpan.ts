import type { SpanImpl, TransactionObserver } from './span';
import type { IdleFinishReason, IdleOptions, SpanStatus } from './types';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Timers and the clock they are measured against. */
export type Clock = Timers & { now(): number };

/** docs/contract.md §2 BrowserTracingOptions defaults. */
export const IDLE_DEFAULTS: Required<IdleOptions> = { idleTimeout: 1000, finalTimeout: 30000, childSpanTimeout: 15000 };

/** The `contexts.trace.data` key the finish reason is recorded under (docs/contract.md §3 Idle). */
export const FINISH_REASON = 'sentry.idle_span_finish_reason';

const STATUS_FOR: Partial<Record<IdleFinishReason, SpanStatus>> = {
  finalTimeout: 'deadline_exceeded',
  heartbeatFailed: 'deadline_exceeded',
  documentHidden: 'cancelled',
  cancelled: 'cancelled',
};

type State = 'open' | 'ending' | 'ended';

/** What starts an idle transaction: the three timeouts, and whether idleness ends it at all. */
export interface IdleSettings extends IdleOptions {
  /**
   * Neither the idle nor the child-span timeout ends it: only `finalTimeout` or an outside call
   * such as `reportPageLoaded()` does (docs/contract.md §3 Manual pageload end).
   */
  disableAutoFinish?: boolean;
}

/**
 * A timeout restarted by every event it watches (the idle and child-span timeouts). A restart only
 * moves the deadline; the one pending timer checks it when it fires and waits again for what is left.
 * A burst of requests would otherwise cost a clearTimeout and a setTimeout each. While `applies()` is
 * false the timeout is off: a timer that fires then stops, and `restart` starts none.
 */
class MovingDeadline {
  private _deadline = 0;
  private _timer: unknown;
  private readonly _clock: Clock;
  private readonly _ms: number;
  private readonly _applies: () => boolean;
  private readonly _onExpired: () => void;

  constructor(clock: Clock, ms: number, applies: () => boolean, onExpired: () => void) {
    this._clock = clock;
    this._ms = ms;
    this._applies = applies;
    this._onExpired = onExpired;
  }

  /** Moves the deadline to `ms` from now. */
  _restart(): void {
    this._deadline = this._clock.now() + this._ms;
    if (this._timer === undefined && this._applies()) this._wait(this._ms);
  }

  cancel(): void {
    if (this._timer !== undefined) this._clock.clearTimeout(this._timer);
    this._timer = undefined;
  }

  private _wait(ms: number): void {
    this._timer = this._clock.setTimeout(() => {
      this._timer = undefined;
      if (!this._applies()) return;
      const left = this._deadline - this._clock.now();
      if (left > 0) this._wait(left);
      else this._onExpired();
    }, ms);
  }
}

/**
 * The idle transaction state machine (docs/contract.md §3 Idle). `open` until one of the timers or an outside
 * call ends it; `ending` while the root's end is being prepared (hooks add their spans, open children
 * are cancelled, the end is trimmed); then `ended`. Child starts and ends cost O(1): they only touch
 * the transaction's open-span Set and this object's deadlines.
 */
export class IdleSpanController implements TransactionObserver {
  state: State = 'open';
  private _reason?: IdleFinishReason;
  private readonly _finalTimer: unknown;
  private readonly _idle: MovingDeadline;
  private readonly _heartbeat: MovingDeadline;
  /** Pushed activities by id; an activity may hold a child span, which is open while the activity is. */
  private readonly _activities = new Map<number, { span?: SpanImpl }>();
  private readonly _clock: Clock;
  /** Runs while `ending`, before open children are cancelled and the end is trimmed; must not throw. */
  private readonly _onEnding: (root: SpanImpl, reason: IdleFinishReason) => void;

  constructor(
    readonly root: SpanImpl,
    clock: Clock,
    options: IdleSettings,
    onEnding: (root: SpanImpl, reason: IdleFinishReason) => void,
  ) {
    this._clock = clock;
    this._onEnding = onEnding;
    const opts = { ...IDLE_DEFAULTS };
    for (const k of Object.keys(IDLE_DEFAULTS) as (keyof IdleOptions)[]) {
      const v = options[k];
      if (typeof v === 'number' && v >= 0) opts[k] = v;
    }
    const open = root._tx.open;
    const auto = !options.disableAutoFinish;
    this._idle = new MovingDeadline(
      clock,
      opts.idleTimeout,
      () => auto && this.state === 'open' && !this._busy(),
      () => this.finish('idleTimeout'),
    );
    // The child-span timeout counts from the last child start or end (docs/contract.md §2 `childSpanTimeout`).
    this._heartbeat = new MovingDeadline(
      clock,
      opts.childSpanTimeout,
      () => auto && this.state === 'open' && open.size > 0,
      () => this.finish('heartbeatFailed'),
    );
    root._tx._observer = this;
    this._finalTimer = clock.setTimeout(() => this.finish('finalTimeout'), opts.finalTimeout);
    this._idle._restart();
  }

  /** Ends the transaction for `reason` (no-op once it is ending). */
  finish(reason: IdleFinishReason, endTime?: number): void {
    if (this.state !== 'open') return;
    this._reason = reason;
    this.root.end(endTime);
  }

  pushActivity(id: number, span?: SpanImpl): void {
    if (this.state !== 'open') return;
    this._activities.set(id, { span });
  }

  popActivity(id: number): void {
    const activity = this._activities.get(id);
    if (!activity) return;
    this._activities.delete(id);
    // Ending the span re-arms the idle timeout through childEnded.
    if (activity.span) activity.span.end();
    else if (!this._busy()) this._idle._restart();
  }

  _childStarted(): void {
    if (this.state === 'open') this._heartbeat._restart();
  }

  _childEnded(): void {
    if (this.state !== 'open') return;
    this._heartbeat._restart();
    if (!this._busy()) this._idle._restart();
  }

  _rootEnding(endTime: number | undefined): number | undefined {
    // A hook that ends the root itself: that end goes ahead as it is.
    if (this.state !== 'open') return endTime;
    this.state = 'ending';
    this._idle.cancel();
    this._heartbeat.cancel();
    this._clock.clearTimeout(this._finalTimer);
    const root = this.root;
    const reason = (this._reason ??= 'externalFinish');
    root.setAttribute(FINISH_REASON, reason);
    if (!root.status && STATUS_FOR[reason]) root.setStatus(STATUS_FOR[reason]);
    this._onEnding(root, reason);
    const now = this._clock.now();
    for (const child of Array.from(root._tx.open)) {
      if (!child.status) child.setStatus('cancelled');
      child.end(now);
    }
    this._activities.clear();
    this.state = 'ended';
    if (endTime !== undefined) return endTime;
    // Trim to the last child's end (docs/contract.md §3 Idle); without children, the moment it ended.
    const last = root._tx._lastChildEnd;
    return last > 0 ? Math.max(last, root.startTime) : now;
  }

  private _busy(): boolean {
    return this.root._tx.open.size > 0 || this._activities.size > 0;
  }
}
