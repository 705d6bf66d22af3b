import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { deadlineLabel } from '../deadlines/deadline-label.js';
import { EmailActionLinks } from '../email-actions/action-links.js';
import type { RenderedEmail } from '../mail/reminder-email.js';
import { renderDigestEmail } from './digest-email.js';
import { DigestRepository } from './digest.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The daily digest of one person: what they own that is overdue or due within DIGEST_DUE_WITHIN_DAYS. */
@Injectable()
export class DigestComposer {
  constructor(
    private readonly repository: DigestRepository,
    private readonly actionLinks: EmailActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Null when nothing is due: no email beats an empty one. */
  async compose(person: { id: string; name: string }, now: Date): Promise<RenderedEmail | null> {
    const items = await this.repository.ownedDueBefore(person.id, new Date(now.getTime() + this.config.DIGEST_DUE_WITHIN_DAYS * DAY_MS));
    if (!items.length) return null;
    return renderDigestEmail({
      recipientName: person.name,
      now,
      publicUrl: this.config.PUBLIC_URL,
      actionsFor: (commitmentId) => this.actionLinks.linksFor(person.id, commitmentId, now),
      items: items.map((c) => ({
        id: c.id,
        title: c.title,
        deadlineEnd: c.deadlineEnd ?? now,
        deadlineLabel: c.deadlinePrecision ? deadlineLabel(c.deadlinePrecision, c.deadlineValue, c.deadlineTimeZone ?? 'UTC', c.deadlineMeeting) : '',
      })),
    });
  }
}
