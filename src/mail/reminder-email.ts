import { DateTime } from 'luxon';
import type { ReminderKind } from '../reminders/reminder-plan.js';
import { actionLinksHtml, actionLinksText, unsubscribeHeaders, type EmailActionLinks } from './action-links-block.js';
import { commitmentLink, escapeHtml, oneLine } from './html.js';
import { readerTime, type DeadlineTime } from './reader-time.js';
import { timeLeft } from './time-left.js';

/** Everything a reminder email says, gathered by the delivery service. */
export interface ReminderEmailView {
  kind: ReminderKind;
  recipient: { name: string; timeZone: string };
  commitment: { id: string; title: string; description: string | null; deadlineLabel: string; deadlineEnd: Date | null; deadlineTime: DeadlineTime | null };
  owedBy: { party: string | null; people: string[] };
  owedTo: string | null;
  meeting: { series: string | null; round: number | null; title: string; location: string | null; startsAt: Date | null; timeZone: string } | null;
  sourceQuote: string | null;
  notes: { at: Date; actor: string; text: string }[];
  now: Date;
  publicUrl: string;
  /** Signed links for this recipient to act on the commitment from the email itself. */
  actions?: EmailActionLinks;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

const intros: Record<ReminderKind, string> = {
  BEFORE_DUE: 'This is a reminder of a commitment that is coming due.',
  DUE: 'This commitment is due today.',
  OVERDUE: 'This commitment is overdue and still open.',
  ESCALATION: 'You are the escalation contact for this commitment, which is overdue and still open.',
};

export function reminderSubject(view: ReminderEmailView): string {
  const title = oneLine(view.commitment.title, 120);
  const label = oneLine(view.commitment.deadlineLabel, 60);
  switch (view.kind) {
    case 'BEFORE_DUE':
    case 'DUE':
      return `Reminder: ${title} (due ${label})`;
    case 'OVERDUE':
      return `Overdue: ${title} (was due ${label})`;
    case 'ESCALATION':
      return `Escalation: ${title} (was due ${label})`;
  }
}

/** The facts of the email as label/value pairs, shared by the text and HTML bodies. */
function facts(view: ReminderEmailView): [string, string][] {
  const { commitment, owedBy, meeting } = view;
  const owers = [owedBy.party, owedBy.people.length ? owedBy.people.join(', ') : null].filter(Boolean).join(': ');
  const remaining = commitment.deadlineEnd ? ` (${timeLeft(commitment.deadlineEnd, view.now).phrase})` : '';
  const local = readerTime(commitment.deadlineTime, view.recipient.timeZone);
  const rows: [string, string][] = [
    ['What', commitment.title],
    ['Owed by', owers || 'not recorded'],
    ['Owed to', view.owedTo ?? 'not recorded'],
    ['Deadline', `${commitment.deadlineLabel}${local ? `; ${local}` : ''}${remaining}`],
  ];
  if (meeting) rows.push(['Made at', describeMeeting(meeting, view.recipient.timeZone)]);
  if (commitment.description) rows.push(['Details', commitment.description]);
  return rows;
}

export function describeMeeting(meeting: NonNullable<ReminderEmailView['meeting']>, fallbackZone: string): string {
  const name = meeting.series ? `${meeting.series}${meeting.round !== null ? `, round ${meeting.round}` : ''}` : meeting.title;
  const date = meeting.startsAt
    ? DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone || fallbackZone })
        .setLocale('en-GB')
        .toFormat('d LLLL yyyy')
    : null;
  const title = meeting.series && meeting.title !== meeting.series ? ` (${meeting.title})` : '';
  return [name + title, meeting.location, date].filter(Boolean).join(', ');
}

const noteDate = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).setLocale('en-GB').toFormat('d LLL yyyy');

export function renderReminderEmail(view: ReminderEmailView): RenderedEmail {
  const link = commitmentLink(view.publicUrl, view.commitment.id);
  const rows = facts(view);
  const zone = view.recipient.timeZone;
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;

  const text = [
    `Hello ${view.recipient.name},`,
    '',
    intros[view.kind],
    '',
    ...rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`),
    ...(view.sourceQuote ? ['', 'As recorded:', `  “${view.sourceQuote}”`] : []),
    '',
    'Latest progress:',
    ...(view.notes.length ? view.notes.map((n) => `- ${noteDate(n.at, zone)}, ${n.actor}: ${n.text}`) : ['- none recorded yet']),
    '',
    ...(view.actions ? ['Answer from here:', ...actionLinksText(view.actions, '  '), ''] : []),
    `Open the commitment: ${link}`,
    '',
  ].join('\n');

  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    `<p>Hello ${escapeHtml(view.recipient.name)},</p>`,
    `<p>${escapeHtml(intros[view.kind])}</p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...rows.map(([label, value]) => `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`),
    '</table>',
    ...(view.sourceQuote ? [`<blockquote style="border-left:3px solid #ccc;margin:1em 0;padding-left:1em">${escapeHtml(view.sourceQuote)}</blockquote>`] : []),
    '<p><strong>Latest progress</strong></p>',
    view.notes.length
      ? `<ul>${view.notes.map((n) => `<li>${escapeHtml(noteDate(n.at, zone))}, ${escapeHtml(n.actor)}: ${escapeHtml(n.text)}</li>`).join('')}</ul>`
      : '<p>None recorded yet.</p>',
    ...(view.actions ? [actionLinksHtml(view.actions)] : []),
    `<p><a href="${escapeHtml(link)}">Open the commitment</a></p>`,
    '</body></html>',
  ].join('\n');

  return { subject: reminderSubject(view), text, html, ...(view.actions ? { headers: unsubscribeHeaders(view.actions) } : {}) };
}
