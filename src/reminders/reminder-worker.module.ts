import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DigestsModule } from '../digests/digests.module.js';
import { EmailActionLinksModule } from '../email-actions/email-action-links.module.js';
import { MailModule } from '../mail/mail.module.js';
import { ReminderDeliveryRepository } from './reminder-delivery.repository.js';
import { ReminderDelivery } from './reminder-delivery.service.js';
import { ReminderDispatchRepository } from './reminder-dispatch.repository.js';
import { ReminderDispatcher } from './reminder-dispatcher.service.js';
import { ReplanOutboxModule } from '../replans/replan-outbox.module.js';
import { ReminderLedgerModule } from './reminder-ledger.module.js';
import { reminderQueues } from './reminder-queues.js';
import { ReminderWorkers } from './reminder-workers.js';

/** Worker side only: the API process never imports this, so it never consumes jobs. */
@Module({
  imports: [BullModule.registerQueue(...reminderQueues), ReminderLedgerModule, ReplanOutboxModule, MailModule, DigestsModule, EmailActionLinksModule],
  providers: [ReminderDispatchRepository, ReminderDispatcher, ReminderDeliveryRepository, ReminderDelivery, ReminderWorkers],
})
export class ReminderWorkerModule {}
