import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { deadlineLabel } from '../deadlines/deadline-label.js';
import type { RenderedEmail } from '../mail/reminder-email.js';
import { deadlineTimeOf } from '../mail/reader-time.js';
import { renderDigestEmail } from './digest-email.js';
import { sortIntoSections } from './digest-sections.js';
import { DigestRepository } from './digest.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily digest of one person: everything their single reminders would have told them. What they
 * are responsible for and what they watch, overdue or due within DIGEST_DUE_WITHIN_DAYS; and what is
 * escalated to them, overdue by REMINDER_ESCALATE_AFTER or more.
 */
@Injectable()
export class DigestComposer {
  constructor(
    private readonly repository: DigestRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Null when every section is empty: no email beats an empty one. */
  async compose(person: { id: string; name: string; timeZone: string }, now: Date): Promise<RenderedEmail | null> {
    const candidates = await this.repository.candidates(person.id, new Date(now.getTime() + this.config.DIGEST_DUE_WITHIN_DAYS * DAY_MS));
    const sorted = sortIntoSections(candidates, now, this.config.REMINDER_ESCALATE_AFTER);
    if (!sorted.length) return null;
    return renderDigestEmail({
      recipientName: person.name,
      recipientTimeZone: person.timeZone,
      now,
      publicUrl: this.config.PUBLIC_URL,
      items: sorted.map(({ section, candidate: c }) => ({
        id: c.id,
        title: c.title,
        section,
        escalatedBy: section === 'ESCALATED' ? c.escalatedBy : [],
        deadlineEnd: c.deadlineEnd ?? now,
        deadlineTime: deadlineTimeOf(c.deadlinePrecision, c.deadlineEnd, c.deadlineTimeZone),
        deadlineLabel: c.deadlinePrecision ? deadlineLabel(c.deadlinePrecision, c.deadlineValue, c.deadlineTimeZone ?? 'UTC', c.deadlineMeeting) : '',
      })),
    });
  }
}
