import { actionLinksHtml, actionLinksText, type EmailActionLinks } from '../mail/action-links-block.js';
import { commitmentLink, escapeHtml } from '../mail/html.js';
import type { RenderedEmail } from '../mail/reminder-email.js';
import { timeLeft } from '../mail/time-left.js';

export interface DigestEmailView {
  recipientName: string;
  items: { id: string; title: string; deadlineLabel: string; deadlineEnd: Date }[];
  now: Date;
  publicUrl: string;
  /** Signed links for the recipient to act on each item from the email itself. */
  actionsFor?: (commitmentId: string) => EmailActionLinks;
}

export function renderDigestEmail(view: DigestEmailView): RenderedEmail {
  const lines = view.items.map((item) => ({
    ...item,
    left: timeLeft(item.deadlineEnd, view.now),
    link: commitmentLink(view.publicUrl, item.id),
    actions: view.actionsFor?.(item.id),
  }));
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
      .flatMap(([heading, items]) => ['', `${heading}:`, ...items.map((l) => [`- ${l.title} (${l.deadlineLabel}; ${l.left.phrase})\n  ${l.link}`, ...(l.actions ? actionLinksText(l.actions, '  ') : [])].join('\n'))]),
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
            .map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.title)}</a> (${escapeHtml(l.deadlineLabel)}; ${escapeHtml(l.left.phrase)})${l.actions ? actionLinksHtml(l.actions) : ''}</li>`)
            .join('')}</ul>`,
      ),
    '</body></html>',
  ].join('\n');

  return { subject: `Your commitments: ${counts}`, text, html };
}
