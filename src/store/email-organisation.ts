import { readFileSync } from 'node:fs';

/*
 * Affiliation from a commit email's domain: `someone@mail.acme.com` → "acme". Personal mail
 * providers, GitHub's noreply addresses and placeholder hosts say nothing about an employer and give
 * null (unknown, kept apart by the organisation metrics). The provider lists are the geography
 * dictionary's (config/geo/email-domains.json: `webmail` and `noSignal`), so both features agree on
 * what a personal address is.
 */

interface EmailDomainsFile {
  data: { webmail: Record<string, string>; noSignal: string[] };
}

/** Second-level labels under which country TLDs sell names: "acme.com.cn", "uni.ac.uk". */
const SECOND_LEVEL = new Set(['com', 'co', 'net', 'org', 'gov', 'ac', 'edu', 'or', 'ne', 'go']);

let personal: ReadonlySet<string> | undefined;

function personalDomains(): ReadonlySet<string> {
  if (personal) return personal;
  const url = new URL('../../config/geo/email-domains.json', import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as EmailDomainsFile;
  personal = new Set([...Object.keys(file.data.webmail), ...file.data.noSignal].map((d) => d.toLowerCase()));
  return personal;
}

/** The organisation an email domain names, or null for personal, placeholder or malformed domains. */
export function organisationFromEmailDomain(domain: string): string | null {
  const host = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || /^[0-9.]+$/.test(host)) return null;
  const labels = host.split('.');
  const domains = personalDomains();
  // `vip.qq.com` and `qq.com` alike: any suffix on the personal list makes the address personal.
  for (let i = 0; i < labels.length - 1; i += 1) if (domains.has(labels.slice(i).join('.'))) return null;
  if (domains.has(labels[labels.length - 1]!)) return null;
  const last = labels.length - 1;
  const underSecondLevel =
    labels.length >= 3 && labels[last]!.length === 2 && SECOND_LEVEL.has(labels[last - 1]!);
  const label = labels[underSecondLevel ? last - 2 : last - 1];
  return label === undefined || label === '' ? null : label;
}
