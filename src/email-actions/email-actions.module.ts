import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { ReminderLedgerModule } from '../reminders/reminder-ledger.module.js';
import { noticeQueues } from './action-notices.js';
import { EmailActionLinksModule } from './email-action-links.module.js';
import { EmailActionsController } from './email-actions.controller.js';
import { EmailActionsRepository } from './email-actions.repository.js';
import { EmailActionsService } from './email-actions.service.js';
import { ExtensionRequestsController } from './extension-requests.controller.js';
import { ExtensionRequestsService } from './extension-requests.service.js';
import { ReminderOptOutsController } from './reminder-opt-outs.controller.js';

/** API side: the action pages, extension requests and reminder opt-outs. Notices are sent by the worker. */
@Module({
  imports: [BullModule.registerQueue(...noticeQueues), CommitmentsModule, ReminderLedgerModule, EmailActionLinksModule],
  controllers: [EmailActionsController, ExtensionRequestsController, ReminderOptOutsController],
  providers: [EmailActionsRepository, EmailActionsService, ExtensionRequestsService],
})
export class EmailActionsModule {}
