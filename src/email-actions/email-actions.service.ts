import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import type { Principal } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { deadlineLabel } from '../deadlines/deadline-label.js';
import { DeadlineValueError } from '../deadlines/deadline-window.js';
import { ReminderOptOuts } from '../reminders/reminder-opt-outs.service.js';
import { deadlineFromForm, doneFormSchema, extendFormSchema, progressFormSchema, unsubscribeFormSchema } from './action-forms.js';
import { NOTICE_QUEUE, noticeJobOptions, type NoticeJob } from './action-notices.js';
import type { ActionGrant, EmailAction } from './action-token.js';
import { EmailActionsRepository } from './email-actions.repository.js';

export type ActionCommitment = NonNullable<Awaited<ReturnType<EmailActionsRepository['commitment']>>>;
type Tx = Prisma.TransactionClient;

/** A submitted form that cannot be taken as it is: shown again with what is wrong. */
export class ActionInputError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
  }
}

export const personPrincipal = (personId: string): Principal => ({ keyId: null, name: `person:${personId}`, role: 'EDITOR' });

export function labelOf(c: Pick<ActionCommitment, 'deadlinePrecision' | 'deadlineValue' | 'deadlineTimeZone' | 'deadlineMeeting'>): string | null {
  return c.deadlinePrecision ? deadlineLabel(c.deadlinePrecision, c.deadlineValue, c.deadlineTimeZone ?? 'UTC', c.deadlineMeeting) : null;
}

/**
 * What a person does from a link in an email. Each action goes through the commitments service, so it
 * is a history event with the person as actor; the receipt that lets the link say what was done is
 * written in the same transaction.
 */
@Injectable()
export class EmailActionsService {
  private readonly logger = new Logger(EmailActionsService.name);

  constructor(
    private readonly repository: EmailActionsRepository,
    private readonly commitments: CommitmentsService,
    private readonly optOuts: ReminderOptOuts,
    @InjectQueue(NOTICE_QUEUE) private readonly notices: Queue<NoticeJob>,
  ) {}

  /** The commitment and person a link is about, and what was last done with it; null when either is gone. */
  async view(grant: ActionGrant) {
    const [commitment, person, receipt] = await Promise.all([
      this.repository.commitment(grant.commitmentId),
      this.repository.person(grant.personId),
      this.repository.latestReceipt(grant.personId, grant.commitmentId, grant.action),
    ]);
    return commitment && person ? { commitment, person, receipt: receipt && { summary: receipt.summary, at: receipt.createdAt } } : null;
  }

  async act(grant: ActionGrant, form: Record<string, string>): Promise<void> {
    const { personId, commitmentId, action } = grant;
    const view = await this.view(grant);
    if (!view) throw ProblemError.notFound('Commitment', commitmentId);
    const principal = personPrincipal(personId);
    const receipt = (summary: string) => (tx: Tx) => this.repository.addReceipt(tx, { personId, commitmentId, action, summary });
    let said: string;
    switch (action) {
      case 'acknowledge':
        // A double click or a second tab: acknowledged once is acknowledged.
        if (view.receipt) return;
        said = 'acknowledged it';
        await this.commitments.acknowledge(commitmentId, personId, principal, receipt(''));
        break;
      case 'progress': {
        const { text, evidenceUrl } = parse(progressFormSchema, form);
        said = `reported progress: ${text}${evidenceUrl ? ` (evidence: ${evidenceUrl})` : ''}`;
        const changes = evidenceUrl ? { evidenceUrl: { from: null, to: evidenceUrl } } : undefined;
        await this.commitments.record(commitmentId, { type: 'NOTE', note: text, ...(changes ? { changes } : {}) }, principal, receipt(`“${text}”`));
        break;
      }
      case 'extend': {
        const { deadline, reason } = parse(extendFormSchema, form);
        // More time: later than both the current deadline and now.
        const current = Math.max(Date.now(), view.commitment.deadlineEnd?.getTime() ?? 0);
        const proposed = proposedDeadline(deadline, view.commitment.deadlineTimeZone ?? view.person.timeZone, new Date(current));
        const label = deadlineLabel(proposed.precision, proposed.value ?? null, proposed.timeZone ?? 'UTC');
        const id = randomUUID();
        said = `asked for more time, until ${label}: ${reason}`;
        await this.commitments.record(
          commitmentId,
          {
            type: 'NOTE',
            note: `Asked for more time, until ${label}: ${reason}`,
            changes: { extensionRequest: { from: null, to: { id, proposedDeadline: proposed } } },
          },
          principal,
          async (tx) => {
            await this.repository.createExtension(tx, { id, commitmentId, personId, proposedDeadline: proposed, reason });
            await receipt(`${label}: “${reason}”`)(tx);
          },
        );
        break;
      }
      case 'done': {
        const { note } = parse(doneFormSchema, form);
        if (view.commitment.status === 'DONE') return;
        said = `marked it as done${note ? `: ${note}` : ''}`;
        await this.commitments.update(
          commitmentId,
          { status: 'DONE' },
          undefined,
          principal,
          note ?? 'marked as done from an email',
          receipt(note ? `“${note}”` : ''),
        );
        break;
      }
      case 'unsubscribe': {
        const { scope } = parse(unsubscribeFormSchema, form);
        // Mail clients may retry a one-click POST: a stop already in force is not recorded (or told) again.
        if (await this.optOuts.isStopped(personId, commitmentId, scope)) return;
        const reason = scope === 'ALL' ? 'the recipient stopped all reminders' : 'the recipient stopped reminders for this commitment';
        said = scope === 'ALL' ? 'stopped all reminders to them' : 'stopped reminders to them about this commitment';
        await this.commitments.record(
          commitmentId,
          { type: 'UPDATED', note: reason, changes: { remindersStopped: { from: null, to: { personId, scope } } } },
          principal,
          async (tx) => {
            await this.optOuts.stop(tx, personId, commitmentId, scope, reason);
            await receipt(scope === 'ALL' ? '(all commitments)' : '')(tx);
          },
        );
        break;
      }
    }
    await this.notifyWatchers(view.commitment, view.person, action, said);
  }

  /** Watchers, and the contact of the key that created the commitment, hear what a person did. */
  private async notifyWatchers(
    commitment: ActionCommitment,
    person: { id: string; name: string; email: string },
    action: EmailAction,
    said: string,
  ): Promise<void> {
    const watchers = commitment.people
      .filter((p) => p.role === 'WATCHER' && p.person.id !== person.id)
      .map((p) => ({ id: p.person.id, email: p.person.email }));
    const known = new Set([person.email, ...watchers.map((w) => w.email)].map((e) => e.toLowerCase()));
    const creators = (await this.repository.creatorContacts(commitment.id)).filter((email) => !known.has(email.toLowerCase()));
    const recipients = [...watchers, ...creators.map((email) => ({ id: email, email }))];
    const at = new Date().toISOString();
    const subject = `${person.name} ${said.split(':')[0]}: ${commitment.title}`.slice(0, 200);
    const text = [`${person.name} ${said}`, '', `Commitment: ${commitment.title}`, `Deadline: ${labelOf(commitment) ?? 'none'}`, `When: ${at}`, ''].join('\n');
    await this.enqueue(recipients.map((r) => ({ id: `${action}.${commitment.id}.${person.id}.${r.id}.${at}`, job: { to: r.email, subject, text } })));
  }

  /** Notices go out from the worker; a failure to queue one is logged and does not undo the action. */
  async enqueue(jobs: { id: string; job: NoticeJob }[]): Promise<void> {
    try {
      await this.notices.addBulk(jobs.map(({ id, job }) => ({ name: 'notice', data: job, opts: noticeJobOptions(id.replace(/:/g, '-')) })));
    } catch (error: unknown) {
      this.logger.warn(`Could not queue ${jobs.length} notice(s): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function parse<T extends z.ZodType>(schema: T, form: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(form);
  if (!parsed.success) throw new ActionInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`));
  return parsed.data;
}

function proposedDeadline(typed: string, timeZone: string, mustEndAfter: Date) {
  try {
    return deadlineFromForm(typed, timeZone, mustEndAfter);
  } catch (error: unknown) {
    if (error instanceof DeadlineValueError) throw new ActionInputError([`deadline: ${error.message}`]);
    throw error;
  }
}
