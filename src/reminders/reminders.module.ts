import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueBoard } from './queue-board.js';
import { ReplanOutboxModule } from '../replans/replan-outbox.module.js';
import { ReminderLedgerModule } from './reminder-ledger.module.js';
import { reminderQueues } from './reminder-queues.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

/** API side: the ledger's read and admin endpoints and the queue dashboard. Consumes no jobs. */
@Module({
  imports: [BullModule.registerQueue(...reminderQueues), ReminderLedgerModule, ReplanOutboxModule],
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersService, QueueBoard],
})
export class RemindersModule {}
