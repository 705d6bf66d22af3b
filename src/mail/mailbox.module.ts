import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { Mailbox, mailboxDir } from './mailbox.js';
import { MailboxController } from './mailbox.controller.js';

/** API side of the built-in mailbox: admins read what the worker wrote there. */
@Module({
  controllers: [MailboxController],
  providers: [{ provide: Mailbox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Mailbox(mailboxDir(config)) }],
})
export class MailboxModule {}
