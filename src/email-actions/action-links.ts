import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { ActionTokens, type EmailAction } from './action-token.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The links one email gives one person for one commitment. */
export type ActionLinks = Record<EmailAction, string>;

/** Where the action pages live: `${ACTIONS_URL}/actions/<token>`. */
export function actionsBaseUrl(config: Pick<AppConfig, 'ACTIONS_URL' | 'PORT'>): string {
  return (config.ACTIONS_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Signs the action links that reminder and digest emails carry. */
@Injectable()
export class EmailActionLinks {
  readonly tokens: ActionTokens;
  private readonly base: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.tokens = new ActionTokens(config.ACTION_SECRET);
    this.base = actionsBaseUrl(config);
  }

  linkFor(personId: string, commitmentId: string, action: EmailAction, now: Date = new Date()): string {
    const expiresAt = new Date(now.getTime() + this.config.ACTION_LINK_DAYS * DAY_MS);
    return `${this.base}/actions/${this.tokens.sign({ personId, commitmentId, action, expiresAt })}`;
  }

  linksFor(personId: string, commitmentId: string, now: Date = new Date()): ActionLinks {
    const link = (action: EmailAction) => this.linkFor(personId, commitmentId, action, now);
    return { acknowledge: link('acknowledge'), progress: link('progress'), extend: link('extend'), done: link('done'), unsubscribe: link('unsubscribe') };
  }
}
