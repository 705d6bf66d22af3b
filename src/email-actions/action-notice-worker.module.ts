import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { ActionNoticeWorker } from './action-notice.worker.js';
import { noticeQueues } from './action-notices.js';

/** Worker side: sends the notices the API queued. */
@Module({ imports: [BullModule.registerQueue(...noticeQueues), MailModule], providers: [ActionNoticeWorker] })
export class ActionNoticeWorkerModule {}
