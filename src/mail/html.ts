const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything that came from people (titles, quotes, notes) goes through this before it reaches HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

/** A header must stay one line: a title with a newline could otherwise add headers of its own. */
export function oneLine(text: string, max = 200): string {
  const flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `${PUBLIC_URL}/commitments/<id>`, whether or not PUBLIC_URL ends in a slash. */
export function commitmentLink(publicUrl: string, commitmentId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/commitments/${encodeURIComponent(commitmentId)}`;
}
