import { Module } from '@nestjs/common';
import { ReminderLedgerModule } from '../reminders/reminder-ledger.module.js';
import { CommitmentDeadlines } from './commitment-deadline.js';
import { CommitmentJsonCache } from './commitment-json-cache.js';
import { CommitmentExportController } from './commitment-export.controller.js';
import { CommitmentSearchRepository } from './commitment-search.repository.js';
import { CommitmentSearchService } from './commitment-search.service.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [ReminderLedgerModule],
  controllers: [CommitmentExportController, CommitmentsController],
  providers: [CommitmentsRepository, CommitmentsService, CommitmentDeadlines, CommitmentSearchRepository, CommitmentJsonCache, CommitmentSearchService],
  exports: [CommitmentsService, CommitmentsRepository, CommitmentSearchService],
})
export class CommitmentsModule {}
