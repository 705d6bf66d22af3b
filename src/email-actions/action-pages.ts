import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { DateTime } from 'luxon';
import type { EmailAction } from './action-token.js';
import { pageLanguages, type PageLanguage, type PageMessages } from './page-messages.js';

export interface ActionPageView {
  language: PageLanguage;
  action: EmailAction;
  title: string;
  deadlineLabel: string | null;
  status: string;
  /** The person's time zone: times are shown in it. */
  timeZone: string;
  /** What this person last did with this link, if anything. */
  receipt: { summary: string; at: Date } | null;
  csrf: string;
  /** Field errors from a submission, shown above the form. */
  errors?: string[];
  values?: Record<string, string>;
}

const STYLE =
  'body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:36rem;padding:1rem;color:#111}' +
  'label{display:block;margin-top:1rem;font-weight:600}input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}' +
  'button{margin-top:1rem;font:inherit;padding:.6rem 1rem}.receipt{background:#eef7ee;padding:.75rem;border-radius:4px}' +
  '.error{background:#fdecea;padding:.75rem;border-radius:4px}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}';

/** The pages' policy: no scripts at all, and the one inline style block above by its hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; frame-ancestors 'none'`;

function page(language: PageLanguage, heading: string, body: string): string {
  const m = pageLanguages[language];
  return [
    `<!doctype html><html lang="${language}" dir="${m.dir}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">',
    `<title>${escapeHtml(heading)}</title><style>${STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(heading)}</h1>`,
    body,
    '</main></body></html>',
  ].join('\n');
}

const field = (name: string, label: string, input: string, hint?: string) =>
  `<label for="${name}">${escapeHtml(label)}</label>${hint ? `<small id="${name}-hint">${escapeHtml(hint)}</small>` : ''}${input}`;

function formFields(action: EmailAction, m: PageMessages, values: Record<string, string>): string {
  const value = (name: string) => escapeHtml(values[name] ?? '');
  switch (action) {
    case 'acknowledge':
      return '';
    case 'progress':
      return (
        field('text', m.progressText, `<textarea id="text" name="text" rows="5" maxlength="5000" required>${value('text')}</textarea>`) +
        field(
          'evidenceUrl',
          `${m.evidenceUrl} (${m.optional})`,
          `<input id="evidenceUrl" name="evidenceUrl" type="url" maxlength="2000" value="${value('evidenceUrl')}">`,
        )
      );
    case 'extend':
      return (
        field(
          'deadline',
          m.newDeadline,
          `<input id="deadline" name="deadline" required maxlength="60" aria-describedby="deadline-hint" value="${value('deadline')}">`,
          m.newDeadlineHint,
        ) + field('reason', m.reason, `<textarea id="reason" name="reason" rows="4" maxlength="2000" required>${value('reason')}</textarea>`)
      );
    case 'done':
      return field('note', `${m.doneNote} (${m.optional})`, `<textarea id="note" name="note" rows="3" maxlength="2000">${value('note')}</textarea>`);
    case 'unsubscribe':
      return '<input type="hidden" name="scope" value="COMMITMENT">';
  }
}

/** The page a link opens: the commitment, what was done with this link, and the action's form. */
export function renderActionPage(view: ActionPageView): string {
  const m = pageLanguages[view.language];
  const when = (at: Date) => `${DateTime.fromJSDate(at, { zone: view.timeZone }).toFormat('yyyy-LL-dd HH:mm')} (${view.timeZone})`;
  const parts = [
    `<dl><dt>${escapeHtml(m.commitment)}</dt><dd>${escapeHtml(view.title)}</dd>`,
    `<dt>${escapeHtml(m.deadline)}</dt><dd>${escapeHtml(view.deadlineLabel ?? m.noDeadline)}</dd>`,
    `<dt>${escapeHtml(m.status)}</dt><dd>${escapeHtml(view.status)}</dd></dl>`,
  ];
  if (view.receipt) {
    parts.push(
      `<p class="receipt" role="status">${escapeHtml(m.done[view.action])} ${escapeHtml(view.receipt.summary)}<br>${escapeHtml(m.when)}: <time datetime="${view.receipt.at.toISOString()}">${when(view.receipt.at)}</time></p>`,
    );
  }
  if (view.errors?.length) {
    parts.push(
      `<div class="error" role="alert"><p>${escapeHtml(m.badInput)}:</p><ul>${view.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></div>`,
    );
  }
  const repeatable = view.action === 'progress' || view.action === 'extend';
  const closed = view.status === 'DONE' || view.status === 'CANCELLED';
  const showForm = view.action === 'unsubscribe' || ((!view.receipt || repeatable) && !(closed && view.action !== 'acknowledge'));
  const csrf = `<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">`;
  if (showForm && !(view.action === 'unsubscribe' && view.receipt)) {
    if (view.receipt && repeatable) parts.push(`<p>${escapeHtml(m.again)}</p>`);
    parts.push(
      `<form method="post">${csrf}${formFields(view.action, m, view.values ?? {})}<button type="submit">${escapeHtml(m.submit[view.action])}</button></form>`,
    );
  }
  if (view.action === 'unsubscribe') {
    parts.push(
      `<form method="post">${csrf}<input type="hidden" name="scope" value="ALL"><p>${escapeHtml(m.stopAllExplained)}</p><button type="submit">${escapeHtml(m.stopAll)}</button></form>`,
    );
  }
  return page(view.language, m.heading[view.action], parts.join('\n'));
}

/** A link that cannot be used, or a form that cannot be taken: says so plainly. */
export function renderProblemPage(
  language: PageLanguage,
  message: keyof Pick<PageMessages, 'linkInvalid' | 'linkExpired' | 'formExpired' | 'notFound'>,
): string {
  const m = pageLanguages[language];
  return page(language, m[message], '');
}

/** What a one-click request did, for the rare client that shows the answer. */
export function renderNoticePage(language: PageLanguage, action: EmailAction): string {
  return page(language, pageLanguages[language].done[action], '');
}
