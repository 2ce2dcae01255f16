/**
 * Secrets never leave the process in logs, errors or API output. Known token shapes are masked
 * wherever they appear in free text; registerSecret() adds values (e.g. configured tokens whose
 * shape we cannot know) so they are masked too.
 */
const TOKEN_PATTERNS = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bv1\.[0-9a-f]{40}\b/g,
  // JSON web tokens (a GitHub App's JWT is a bearer credential for ten minutes).
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/g,
  /(authorization["']?\s*[:=]\s*["']?)(?:token|bearer|basic)\s+[^\s"',}]+/gi,
];

const registered = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) registered.add(value);
}

/**
 * For secrets that stop being valid (hourly GitHub App installation tokens, once expired): keeps the
 * registry from growing for as long as a worker runs.
 */
export function forgetSecret(value: string | undefined): void {
  if (value) registered.delete(value);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of registered) out = out.split(secret).join('[REDACTED]');
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[REDACTED]` : '[REDACTED]',
    );
  }
  return out;
}
