import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TallyFoldRepository } from '../dashboard/tally-fold.repository.js';
import { TallyFold } from '../dashboard/tally-fold.service.js';
import { ReplanOutboxModule } from './replan-outbox.module.js';
import { upkeepQueue } from './upkeep-queue.js';
import { UpkeepWorkers } from './upkeep-workers.js';

/** Worker side only: fan-out re-plans and the summary's count folding. */
@Module({
  imports: [BullModule.registerQueue(upkeepQueue), ReplanOutboxModule],
  providers: [TallyFoldRepository, TallyFold, UpkeepWorkers],
})
export class UpkeepWorkerModule {}
