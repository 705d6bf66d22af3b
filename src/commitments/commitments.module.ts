import { Module } from '@nestjs/common';
import { CommitmentDeadlines } from './commitment-deadline.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  controllers: [CommitmentsController],
  providers: [CommitmentsRepository, CommitmentsService, CommitmentDeadlines],
  exports: [CommitmentsService, CommitmentsRepository],
})
export class CommitmentsModule {}
