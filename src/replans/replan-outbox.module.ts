import { Module } from '@nestjs/common';
import { CommitmentFanoutRepository } from '../commitments/commitment-fanout.repository.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { ReminderLedgerModule } from '../reminders/reminder-ledger.module.js';
import { ReplanOutboxRepository } from './replan-outbox.repository.js';
import { ReplanOutbox } from './replan-outbox.service.js';

/**
 * The re-plan outbox: changes that fan out record a request here (ReplanOutboxRepository.request, in
 * their own transaction); the worker carries them out and the sender asks whether one is pending.
 */
@Module({
  imports: [ReminderLedgerModule],
  providers: [ReplanOutboxRepository, ReplanOutbox, CommitmentFanoutRepository, MeetingsRepository],
  exports: [ReplanOutboxRepository, ReplanOutbox],
})
export class ReplanOutboxModule {}
