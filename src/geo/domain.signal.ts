import type { Gazetteer } from './gazetteer.js';
import type { Evidence, SignalKind } from './geo.types.js';

/** Second-level labels under which a ccTLD sells names: "example.com.cn", "example.co.uk". */
const SECOND_LEVEL = new Set(['com', 'co', 'net', 'org', 'gov', 'ac', 'edu', 'or', 'ne', 'go']);
const ISO_OF_TLD: Record<string, string> = { uk: 'GB' };

interface DomainReading {
  country: string;
  why: string;
  weight: number;
  floor: number;
}

/** Reads an email address or web address into country evidence from its domain, if it has any. */
export function readDomain(
  gazetteer: Gazetteer,
  kind: Extract<SignalKind, 'email' | 'blog'>,
  address: string,
): Evidence | undefined {
  const value = address.trim().slice(0, 200);
  const domain = domainOf(kind, value);
  if (!domain) return undefined;
  const platform = kind === 'blog' ? readPlatform(gazetteer, domain) : undefined;
  const reading = platform ?? readDomainName(gazetteer, domain);
  // A personal site's domain is chosen more freely than an employer's or school's email domain.
  const scale = kind === 'blog' && !platform ? 0.6 : 1;
  if (!reading)
    return {
      kind,
      group: 'affiliation',
      value: domain,
      evidence: 'domain says nothing about place',
      weight: 0,
      likelihood: new Map(),
      floor: 1,
    };
  return {
    kind,
    group: 'affiliation',
    value: domain,
    evidence: `${reading.why} → ${reading.country}`,
    weight: reading.weight * scale,
    likelihood: new Map([[reading.country, 1]]),
    floor: reading.floor,
  };
}

function domainOf(kind: 'email' | 'blog', value: string): string | undefined {
  if (kind === 'email') {
    const at = value.lastIndexOf('@');
    if (at < 1) return undefined;
    return cleanHost(value.slice(at + 1));
  }
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    return cleanHost(url.hostname);
  } catch {
    return undefined;
  }
}

function cleanHost(host: string): string | undefined {
  const h = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h) ? h : undefined;
}

/** A blog on a platform whose writers are mostly in one country (csdn.net, qiita.com, velog.io). */
function readPlatform(gazetteer: Gazetteer, domain: string): DomainReading | undefined {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const country = gazetteer.emailDomains.platforms.get(labels.slice(i).join('.'));
    if (country) return { country, why: 'writing platform', weight: 1.5, floor: 0.15 };
  }
  return undefined;
}

function readDomainName(gazetteer: Gazetteer, domain: string): DomainReading | undefined {
  const tables = gazetteer.emailDomains;
  if (tables.noSignal.has(domain) || domain.endsWith('.noreply.github.com')) return undefined;
  const webmail = tables.webmail.get(domain);
  if (webmail) return { country: webmail, why: 'national webmail', weight: 1.5, floor: 0.15 };
  const labels = domain.split('.');
  for (let i = 1; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    const company = tables.companies.get(suffix);
    if (company === null) return undefined;
    if (company)
      return { country: company, why: 'company domain (global firms: weak)', weight: 0.7, floor: 0.4 };
  }
  const direct = tables.companies.get(domain);
  if (direct) return { country: direct, why: 'company domain (global firms: weak)', weight: 0.7, floor: 0.4 };
  for (let i = 1; i < labels.length; i++) {
    const academic = tables.academicSuffixes.get(labels.slice(i).join('.'));
    if (academic)
      return academic === 'US' && i === labels.length - 1
        ? { country: 'US', why: 'US .edu', weight: 1, floor: 0.3 }
        : { country: academic, why: 'academic domain', weight: 2, floor: 0.1 };
  }
  const tld = labels[labels.length - 1]!;
  if (tld.length !== 2 || tables.genericCountryTlds.has(tld)) return undefined;
  const country = ISO_OF_TLD[tld] ?? tld.toUpperCase();
  if (!gazetteer.offsets.has(country)) return undefined;
  const secondLevel = labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2]!);
  return {
    country,
    why: `country domain .${secondLevel ? labels.slice(-2).join('.') : tld}`,
    weight: 1.2,
    floor: 0.15,
  };
}
