import { afterEach, beforeEach, vi } from 'vitest';
import fc from 'fast-check';
import { Client, type InitOptions } from '../src/core/client';
import type { Platform } from '../src/core/platform';
import { createEnvelopeExporter } from '../src/core/envelopeExporter';
import type { Delivery, Exporter } from '../src/core/pipeline';
import type { TransactionEvent } from '../src/core/types';
import { parseEnvelope } from './wire';

/** A fixed start for the fake clock: 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000_000;
export const PAGE_URL = 'https://app.example/shop/cart?step=2';

export interface FakePlatform extends Platform {
  /** Timer calls made through this platform, to check how much work an event costs. */
  calls: { setTimeout: number; clearTimeout: number };
  randomValue: number;
}

/** A Platform on vitest's fake clock: call `vi.useFakeTimers({ now: T0 })` first. */
export function fakePlatform(url = PAGE_URL): FakePlatform {
  const p: FakePlatform = {
    calls: { setTimeout: 0, clearTimeout: 0 },
    randomValue: 0.25,
    now: () => Date.now(),
    random: () => p.randomValue,
    setTimeout: (fn, ms) => {
      p.calls.setTimeout++;
      return setTimeout(fn, ms);
    },
    clearTimeout: (h) => {
      p.calls.clearTimeout++;
      clearTimeout(h as ReturnType<typeof setTimeout>);
    },
    url: () => url,
  };
  return p;
}

/** A Delivery that keeps what it is given. */
export interface CaptureDelivery extends Delivery {
  sent: string[];
}

export function captureDelivery(): CaptureDelivery {
  const sent: string[] = [];
  return { sent, send: (e) => void sent.push(e), flush: () => Promise.resolve(true), retryNow: () => undefined };
}

/** An envelope exporter over a capturing delivery, for clients whose output a test does not read. */
export function captureExporter(delivery: Delivery = captureDelivery()): Exporter {
  return createEnvelopeExporter(delivery, () => Date.now(), () => undefined);
}

export interface ParsedEnvelope {
  header: { event_id: string; sent_at: string; sdk: { name: string; version: string }; trace: Record<string, string> };
  item: { type: string };
  event: TransactionEvent;
}

/** A transaction envelope as the SDK makes it: exactly three lines, header, item header, event (docs/contract.md §4). */
export function parseTransactionEnvelope(text: string): ParsedEnvelope {
  const lines = text.split('\n');
  if (lines.length !== 3) throw new Error(`expected 3 lines, got ${lines.length}`);
  const { header, items } = parseEnvelope(text);
  return { header: header as ParsedEnvelope['header'], item: items[0]!.header, event: items[0]!.payload as TransactionEvent };
}

/** Lets settled promises run their reactions. */
export async function tick(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

export interface Harness {
  client: Client;
  platform: FakePlatform;
  delivery: CaptureDelivery;
  events(): TransactionEvent[];
  envelopes(): ParsedEnvelope[];
}

/** A Client on fake timers with a capturing delivery; tracing on at rate 1 unless options say otherwise. */
export function makeClient(options: InitOptions = {}, url?: string): Harness {
  const platform = fakePlatform(url);
  const delivery = captureDelivery();
  const o: InitOptions = { dsn: 'https://pub@o1.ingest.example/42', tracesSampleRate: 1, ...options };
  const client = new Client(o, platform, [createEnvelopeExporter(delivery, platform.now, () => undefined)]);
  const envelopes = (): ParsedEnvelope[] => delivery.sent.map(parseTransactionEnvelope);
  return { client, platform, delivery, envelopes, events: () => envelopes().map((e) => e.event) };
}

export { HEX16, HEX32 } from './wire';

export function useFakeClock(): void {
  vi.useFakeTimers({ now: T0 });
}

/** For a whole test file: the fake clock and a fresh client before each test (handed to `set`), real timers after. */
export function eachWithFakeClient(set: (h: Harness) => void, options?: InitOptions): void {
  beforeEach(() => {
    useFakeClock();
    set(makeClient(options));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Arbitrary strings for "never throws" properties: ASCII, full Unicode, and raw UTF-16 code units (lone surrogates too). */
export function anyString(extraAlphabet?: string): fc.Arbitrary<string> {
  const arbs = [
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  ];
  if (extraAlphabet) arbs.push(fc.string({ unit: fc.constantFrom(...extraAlphabet), maxLength: 120 }));
  return fc.oneof(...arbs);
}
