import { z } from 'zod';
import type { ContributorSignals } from './geo.types.js';

/** Input strings are cut here: profile fields on GitHub are far shorter; hostile input is not. */
const MAX_FIELD = 1000;
const MAX_EMAILS = 200;

const text = z.string().transform((s) => s.slice(0, MAX_FIELD));
const schema = z.looseObject({
  login: text.nullish(),
  location: text.nullish(),
  company: text.nullish(),
  email: text.nullish(),
  blog: text.nullish(),
  commitEmails: z
    .array(text)
    .nullish()
    .transform((list) => list?.slice(0, MAX_EMAILS)),
  tzOffsets: z.record(z.string(), z.number().nonnegative()).nullish(),
  override: text.nullish(),
});

export type ParsedSignals = { ok: true; signals: ContributorSignals } | { ok: false; error: string };

/**
 * Validates one `vitals geo locate` input object (design §3: every field optional; null = absent;
 * unknown fields ignored). Returns a message naming the bad field instead of throwing.
 */
export function parseContributorSignals(value: unknown): ParsedSignals {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'line';
    return { ok: false, error: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  const signals: ContributorSignals = {};
  for (const [key, v] of Object.entries(parsed.data))
    if (v !== null && v !== undefined && key in schema.shape) Object.assign(signals, { [key]: v });
  return { ok: true, signals };
}
