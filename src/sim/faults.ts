import { mulberry32, type Rng } from './rng.js';

export interface FaultSettings {
  seed: number;
  error5xxRate: number;
  dropRate: number;
  latencyMs: number;
  latencyJitterMs: number;
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'drop'; delayMs: number }
  | { kind: 'error'; status: 500 | 502 | 503; delayMs: number };

/**
 * Decides each API request's fault from one seeded stream. Every request draws exactly four numbers
 * whatever the settings, so the same seed and the same request order give the same faults even when
 * rates change mid-run. Re-seeded when `faults.seed` changes or on POST /_sim/reset.
 */
export class FaultInjector {
  private rng: Rng;
  private seed: number;

  constructor(private readonly settings: () => FaultSettings) {
    this.seed = settings().seed;
    this.rng = mulberry32(this.seed);
  }

  next(): FaultDecision {
    const settings = this.settings();
    if (settings.seed !== this.seed) this.reseed();
    const dropDraw = this.rng();
    const errorDraw = this.rng();
    const statusDraw = this.rng();
    const jitterDraw = this.rng();
    const delayMs = Math.max(0, settings.latencyMs + (jitterDraw * 2 - 1) * settings.latencyJitterMs);
    if (dropDraw < settings.dropRate) return { kind: 'drop', delayMs };
    if (errorDraw < settings.error5xxRate) {
      const status = statusDraw < 0.5 ? 500 : statusDraw < 0.8 ? 502 : 503;
      return { kind: 'error', status, delayMs };
    }
    return { kind: 'none', delayMs };
  }

  reseed(): void {
    this.seed = this.settings().seed;
    this.rng = mulberry32(this.seed);
  }
}

/**
 * Bodies like GitHub's: JSON for 500 and 503, an HTML page for 502 (GitHub's edge answers 502 with
 * its "Unicorn" HTML page, so clients must not assume JSON on 5xx).
 */
export function faultResponse(status: 500 | 502 | 503): { contentType: string; body: string } {
  if (status === 502) {
    return {
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html>\n<html><head><title>Unicorn! &middot; GitHub</title></head><body><p>We had issues producing the response to your request. Sorry about that. Please try refreshing and contact us if the problem persists.</p></body></html>\n',
    };
  }
  const message = status === 500 ? 'Server Error' : 'Service Unavailable';
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ message }) };
}
