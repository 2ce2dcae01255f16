import { locateContributor } from '../src/geo/locate-contributor.js';
import type { ContributorSignals, GeoMode } from '../src/geo/geo.types.js';

export interface LabelledRow {
  location: string;
  company: string;
  label: string;
}

export interface LabelFigures {
  label: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
}

export interface GeoFigures {
  rows: number;
  decided: number;
  correct: number;
  accuracyOnDecided: number;
  abstained: number;
  /** Rows whose region was decided (CN/HK/MO/TW/OTHER) even where the country was not. */
  regionDecided: number;
  cn: { precision: number; recall: number; truePositives: number; predicted: number; support: number };
  /** Rows where the company field alone pointed at one country, and how often that was the label. */
  companyHint: { rows: number; agreeing: number };
  perLabel: LabelFigures[];
  /** confusion[truth][predicted] among the neighbours of CN (plus "?" for abstained, "*" for other). */
  confusion: Record<string, Record<string, number>>;
}

export const NEIGHBOURS = ['CN', 'HK', 'MO', 'TW', 'SG', 'MY', 'PH', 'JP', 'KR'] as const;

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Rows of geo-labelled-dev.csv (`login,location,company,country_label,source`); logins are not kept. */
export function labelledRows(csv: string): LabelledRow[] {
  const [header, ...rows] = parseCsv(csv);
  const col = (name: string) => header?.indexOf(name) ?? -1;
  const [loc, comp, lab] = [col('location'), col('company'), col('country_label')];
  return rows
    .filter((r) => r.length > lab && r[lab])
    .map((r) => ({ location: r[loc] ?? '', company: r[comp] ?? '', label: r[lab]! }));
}

/** Runs the classifier on each row (location + company, or company only when masked) and scores it. */
export function measureGeo(
  rows: readonly LabelledRow[],
  options: { maskLocation: boolean; mode?: GeoMode },
): GeoFigures {
  const mode = options.mode ?? 'mainland';
  const companyHint = { rows: 0, agreeing: 0 };
  const predicted: Array<{ label: string; country: string | null; region: string }> = rows.map((row) => {
    const input: ContributorSignals = options.maskLocation
      ? { company: row.company }
      : { location: row.location, company: row.company };
    const result = locateContributor(input, mode);
    const hint = result.signals.find((s) => s.kind === 'company' && s.country !== null);
    if (hint) {
      companyHint.rows++;
      if (hint.country === row.label) companyHint.agreeing++;
    }
    return { label: row.label, country: result.country, region: result.region };
  });
  const decided = predicted.filter((p) => p.country !== null);
  const correct = decided.filter((p) => p.country === p.label).length;
  const cnPredicted = predicted.filter((p) => p.region === 'CN');
  const cnSupport = predicted.filter((p) => p.label === 'CN');
  const cnTp = cnPredicted.filter((p) => p.label === 'CN').length;

  const labels = [...new Set(rows.map((r) => r.label))];
  const perLabel = labels
    .map((label) => {
      const support = predicted.filter((p) => p.label === label).length;
      const pred = predicted.filter((p) => p.country === label);
      const tp = pred.filter((p) => p.label === label).length;
      return {
        label,
        support,
        predicted: pred.length,
        precision: ratio(tp, pred.length),
        recall: ratio(tp, support),
      };
    })
    .sort((a, b) => b.support - a.support);

  const confusion: Record<string, Record<string, number>> = {};
  for (const p of predicted) {
    if (!(NEIGHBOURS as readonly string[]).includes(p.label)) continue;
    const guess =
      p.country === null ? '?' : (NEIGHBOURS as readonly string[]).includes(p.country) ? p.country : '*';
    const row = (confusion[p.label] ??= {});
    row[guess] = (row[guess] ?? 0) + 1;
  }
  return {
    rows: rows.length,
    decided: decided.length,
    correct,
    accuracyOnDecided: ratio(correct, decided.length),
    abstained: ratio(rows.length - decided.length, rows.length),
    regionDecided: predicted.filter((p) => p.region !== 'UNKNOWN').length,
    cn: {
      precision: ratio(cnTp, cnPredicted.length),
      recall: ratio(cnTp, cnSupport.length),
      truePositives: cnTp,
      predicted: cnPredicted.length,
      support: cnSupport.length,
    },
    companyHint,
    perLabel,
    confusion,
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
