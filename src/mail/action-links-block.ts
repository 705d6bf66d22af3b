import { escapeHtml } from './html.js';

/** The signed links an email offers its recipient for one commitment. */
export interface EmailActionLinks {
  acknowledge: string;
  progress: string;
  extend: string;
  done: string;
  unsubscribe: string;
}

const labels: [keyof EmailActionLinks, string][] = [
  ['acknowledge', 'Acknowledge'],
  ['progress', 'Report progress'],
  ['extend', 'Ask for more time'],
  ['done', 'Mark as done'],
];

export function actionLinksText(links: EmailActionLinks, indent = ''): string[] {
  return [...labels.map(([action, label]) => `${indent}${label}: ${links[action]}`), `${indent}Stop these reminders: ${links.unsubscribe}`];
}

export function actionLinksHtml(links: EmailActionLinks): string {
  const items = labels.map(([action, label]) => `<a href="${escapeHtml(links[action])}">${label}</a>`).join(' · ');
  return `<p>${items}</p><p style="font-size:smaller"><a href="${escapeHtml(links.unsubscribe)}">Stop these reminders</a></p>`;
}

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the link. */
export function unsubscribeHeaders(links: EmailActionLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
