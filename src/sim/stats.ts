/** What the simulator was asked: GET /_sim/stats. Tokens appear only as short sha256 fingerprints. */
export interface SimStats {
  requests: number;
  byEndpoint: Record<string, number>;
  /** HTTP status codes as strings, plus `dropped` for connections destroyed without a response. */
  byStatus: Record<string, number>;
  byToken: Record<string, { requests: number; notModified: number; core: number; graphql: number }>;
  notModified: number;
  budgetSpent: { core: number; graphql: number };
  violations: { count: number; samples: ViolationSample[] };
  /** GitHub App installation tokens issued (POST /app/installations/{id}/access_tokens → 201). */
  installationTokensIssued: number;
}

/** A request made while its primary budget was exhausted or before a `retry-after` elapsed. */
export interface ViolationSample {
  at: string;
  token: string;
  endpoint: string;
  kind: 'primary' | 'secondary';
  resource: string;
}

const MAX_SAMPLES = 100;

export class StatsRecorder {
  private stats: SimStats = emptyStats();

  snapshot(): SimStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = emptyStats();
  }

  request(endpoint: string, fingerprint: string): void {
    this.stats.requests += 1;
    this.stats.byEndpoint[endpoint] = (this.stats.byEndpoint[endpoint] ?? 0) + 1;
    this.token(fingerprint).requests += 1;
  }

  status(status: number | 'dropped'): void {
    const key = String(status);
    this.stats.byStatus[key] = (this.stats.byStatus[key] ?? 0) + 1;
  }

  notModified(fingerprint: string): void {
    this.stats.notModified += 1;
    this.token(fingerprint).notModified += 1;
  }

  spent(fingerprint: string, resource: 'core' | 'graphql', points: number): void {
    this.stats.budgetSpent[resource] += points;
    this.token(fingerprint)[resource] += points;
  }

  installationTokenIssued(): void {
    this.stats.installationTokensIssued += 1;
  }

  violation(sample: Omit<ViolationSample, 'at'>, now: Date): void {
    this.stats.violations.count += 1;
    if (this.stats.violations.samples.length < MAX_SAMPLES) {
      this.stats.violations.samples.push({ at: now.toISOString(), ...sample });
    }
  }

  private token(fingerprint: string): SimStats['byToken'][string] {
    let entry = this.stats.byToken[fingerprint];
    if (entry === undefined) {
      entry = { requests: 0, notModified: 0, core: 0, graphql: 0 };
      this.stats.byToken[fingerprint] = entry;
    }
    return entry;
  }
}

function emptyStats(): SimStats {
  return {
    requests: 0,
    byEndpoint: {},
    byStatus: {},
    byToken: {},
    notModified: 0,
    budgetSpent: { core: 0, graphql: 0 },
    violations: { count: 0, samples: [] },
    installationTokensIssued: 0,
  };
}
