import { commitmentLink, escapeHtml } from '../mail/html.js';
import { readerTime, type DeadlineTime } from '../mail/reader-time.js';
import type { RenderedEmail } from '../mail/reminder-email.js';
import { timeLeft } from '../mail/time-left.js';

export interface DigestEmailView {
  recipientName: string;
  recipientTimeZone: string;
  items: { id: string; title: string; deadlineLabel: string; deadlineEnd: Date; deadlineTime: DeadlineTime | null }[];
  now: Date;
  publicUrl: string;
}

export function renderDigestEmail(view: DigestEmailView): RenderedEmail {
  const lines = view.items.map((item) => {
    const local = readerTime(item.deadlineTime, view.recipientTimeZone);
    const deadlineLabel = local ? `${item.deadlineLabel}; ${local}` : item.deadlineLabel;
    return { ...item, deadlineLabel, left: timeLeft(item.deadlineEnd, view.now), link: commitmentLink(view.publicUrl, item.id) };
  });
  const overdue = lines.filter((l) => l.left.overdue);
  const soon = lines.filter((l) => !l.left.overdue);
  const sections: [string, typeof lines][] = [
    ['Overdue', overdue],
    ['Due soon', soon],
  ];
  const counts = [overdue.length ? `${overdue.length} overdue` : null, soon.length ? `${soon.length} due soon` : null].filter(Boolean).join(', ');

  const text = [
    `Hello ${view.recipientName},`,
    '',
    'Here is what you are responsible for that is due soon or overdue.',
    ...sections
      .filter(([, items]) => items.length)
      .flatMap(([heading, items]) => ['', `${heading}:`, ...items.map((l) => `- ${l.title} (${l.deadlineLabel}; ${l.left.phrase})\n  ${l.link}`)]),
    '',
  ].join('\n');

  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    `<p>Hello ${escapeHtml(view.recipientName)},</p>`,
    '<p>Here is what you are responsible for that is due soon or overdue.</p>',
    ...sections
      .filter(([, items]) => items.length)
      .map(
        ([heading, items]) =>
          `<h3>${heading}</h3><ul>${items
            .map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.title)}</a> (${escapeHtml(l.deadlineLabel)}; ${escapeHtml(l.left.phrase)})</li>`)
            .join('')}</ul>`,
      ),
    '</body></html>',
  ].join('\n');

  return { subject: `Your commitments: ${counts}`, text, html };
}
