import { createHash } from 'node:crypto';

/**
 * Identifies a candidate by its words alone, ignoring case, spacing, quote styles and final punctuation,
 * so extracting from the same minutes again finds the same keys.
 */
export function extractionKey(quote: string): string {
  const normalised = quote
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:!?]+$/, '')
    .trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 32);
}
