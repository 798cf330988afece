const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The one GUID normalisation of the project: the data layer keys rows by it, the rules compare ids with
 * it, the command line matches `--mailbox` with it. Lives in model/ so that rules and data both reach it
 * without the rules importing the data layer.
 *
 * GUIDs compare case-insensitively, with or without braces and with white space around them
 * (org-dump.md). The result is idempotent: `normalizeGuid(normalizeGuid(x)) === normalizeGuid(x)`
 * for every string, odd ones included (`{ x }`, `{{x}}`), and it is always well-formed UTF-16 (a lone
 * surrogate becomes U+FFFD), so that `encodeURIComponent` never throws on it.
 */
export function normalizeGuid(value: string): string {
  // Most ids arrive normalized already (every lookup of a dump, every id the diagnosis passes on): as they are.
  if (GUID.test(value)) return value;
  return wellFormed(value)
    .replace(/^[\s{]+|[\s}]+$/g, "")
    .toLowerCase();
}

/** Lone surrogates as U+FFFD (String.prototype.toWellFormed, Node 20+, with a fallback). */
export function wellFormed(value: string): string {
  const native = (value as { toWellFormed?: () => string }).toWellFormed;
  if (native) return native.call(value);
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Whether a normalized id has the shape of a GUID (8-4-4-4-12 hexadecimal digits). */
export const isGuid = (normalized: string): boolean => GUID.test(normalized);
