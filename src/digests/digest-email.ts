import { actionLinksHtml, actionLinksText, type EmailActionLinks } from '../mail/action-links-block.js';
import { commitmentLink, escapeHtml } from '../mail/html.js';
import { readerTime, type DeadlineTime } from '../mail/reader-time.js';
import type { RenderedEmail } from '../mail/reminder-email.js';
import { timeLeft } from '../mail/time-left.js';
import type { DigestSection } from './digest-sections.js';

export interface DigestItem {
  id: string;
  title: string;
  deadlineLabel: string;
  deadlineEnd: Date;
  deadlineTime: DeadlineTime | null;
  section: DigestSection;
  /** For an escalation: the responsible people who name the reader as their escalation contact. */
  escalatedBy: string[];
}

export interface DigestEmailView {
  recipientName: string;
  recipientTimeZone: string;
  items: DigestItem[];
  now: Date;
  publicUrl: string;
  /** Signed links for the recipient to act on each item from the email itself. */
  actionsFor?: (commitmentId: string) => EmailActionLinks;
}

const headings: Record<DigestSection, string> = {
  RESPONSIBLE: 'You are responsible for',
  ESCALATED: 'Escalated to you (overdue)',
  WATCHING: 'You are watching',
};

export function renderDigestEmail(view: DigestEmailView): RenderedEmail {
  const lines = view.items.map((item) => {
    const local = readerTime(item.deadlineTime, view.recipientTimeZone);
    const deadlineLabel = local ? `${item.deadlineLabel}; ${local}` : item.deadlineLabel;
    return {
      ...item,
      deadlineLabel,
      left: timeLeft(item.deadlineEnd, view.now),
      link: commitmentLink(view.publicUrl, item.id),
      actions: view.actionsFor?.(item.id),
    };
  });
  const sections = (Object.keys(headings) as DigestSection[])
    .map((section) => [headings[section], lines.filter((l) => l.section === section)] as const)
    .filter(([, items]) => items.length);
  const detail = (l: (typeof lines)[number]) =>
    [l.deadlineLabel, l.left.phrase, ...(l.escalatedBy.length ? [`responsible: ${l.escalatedBy.join(', ')}`] : [])].join('; ');

  const own = lines.filter((l) => l.section !== 'ESCALATED');
  const overdue = own.filter((l) => l.left.overdue).length;
  const escalated = lines.length - own.length;
  const counts = [
    overdue ? `${overdue} overdue` : null,
    own.length - overdue ? `${own.length - overdue} due soon` : null,
    escalated ? `${escalated} escalated to you` : null,
  ]
    .filter(Boolean)
    .join(', ');

  const text = [
    `Hello ${view.recipientName},`,
    '',
    'Here is what is due soon or overdue among the commitments you are responsible for or watch, and what was escalated to you.',
    ...sections.flatMap(([heading, items]) => [
      '',
      `${heading}:`,
      ...items.map((l) => [`- ${l.title} (${detail(l)})\n  ${l.link}`, ...(l.actions ? actionLinksText(l.actions, '  ') : [])].join('\n')),
    ]),
    '',
  ].join('\n');

  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    `<p>Hello ${escapeHtml(view.recipientName)},</p>`,
    '<p>Here is what is due soon or overdue among the commitments you are responsible for or watch, and what was escalated to you.</p>',
    ...sections.map(
      ([heading, items]) =>
        `<h3>${escapeHtml(heading)}</h3><ul>${items.map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.title)}</a> (${escapeHtml(detail(l))})${l.actions ? actionLinksHtml(l.actions) : ''}</li>`).join('')}</ul>`,
    ),
    '</body></html>',
  ].join('\n');

  return { subject: `Your commitments: ${counts}`, text, html };
}
