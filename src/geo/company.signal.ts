import type { Gazetteer } from './gazetteer.js';
import type { Evidence } from './geo.types.js';
import { hasCjk, normalizeText } from './normalize-text.js';

const MAX_WORDS = 5;
const CJK_RUN = /([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+)/u;

/**
 * Reads the profile company field. Firms in config/geo/companies.json lean weakly to their home country
 * (Alibaba, Tencent… employ people worldwide); a country or alias named in it ("Zhejiang
 * University", "China Mobile", "National Taiwan University") counts a little more. Global firms give no
 * signal. Cities are not read here: too many firms share a word with a town.
 */
export function readCompany(gazetteer: Gazetteer, company: string): Evidence | undefined {
  const value = company.trim().slice(0, 200);
  if (!value) return undefined;
  const parts = normalizeText(value)
    .split(/[,;|/()\n@&+·]|\s-\s|\sand\s/)
    .map((p) => p.trim().replace(/^[.\-*'"!?#]+|[.\-*'"!?#]+$/g, ''))
    .filter(Boolean);
  const firms = new Set<string>();
  const places = new Map<string, string>();
  for (const part of parts)
    for (const run of part.split(CJK_RUN)) {
      if (!run.trim()) continue;
      const candidates = hasCjk(run) ? cjkSubstrings(run) : wordPhrases(run.trim());
      for (const phrase of candidates) {
        const firm = gazetteer.companies.get(phrase);
        if (firm) firms.add(`${phrase} → ${firm}`);
        const place = gazetteer.phrases
          .get(phrase)
          ?.filter((r) => r.source === 'country' || r.source === 'alias');
        const countries = new Set(place?.map((r) => r.country));
        if (countries.size === 1 && phrase.length >= 4) places.set(phrase, [...countries][0]!);
      }
    }
  const votes = new Map<string, number>();
  for (const f of firms) {
    const country = f.split(' → ')[1]!;
    votes.set(country, Math.max(votes.get(country) ?? 0, 0.7));
  }
  for (const country of places.values()) votes.set(country, 1);
  if (votes.size === 0)
    return {
      kind: 'company',
      group: 'affiliation',
      value,
      evidence: 'no place or known firm',
      weight: 0,
      likelihood: new Map(),
      floor: 1,
    };
  const best = Math.max(...votes.values());
  const likelihood = new Map([...votes].map(([c, v]) => [c, v / best]));
  const evidence = [...firms, ...[...places].map(([p, c]) => `${p} → ${c} (place)`)].join('; ');
  return { kind: 'company', group: 'affiliation', value, evidence, weight: best, likelihood, floor: 0.4 };
}

function wordPhrases(text: string): string[] {
  const words = text.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++)
    for (let n = 1; n <= MAX_WORDS && i + n <= words.length; n++) out.push(words.slice(i, i + n).join(' '));
  return out;
}

function cjkSubstrings(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < run.length; i++)
    for (let len = 2; len <= 10 && i + len <= run.length; len++) out.push(run.slice(i, i + len));
  return out;
}
