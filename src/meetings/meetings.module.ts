import { Module } from '@nestjs/common';
import { ReplanOutboxModule } from '../replans/replan-outbox.module.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsRepository } from './participants.repository.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  imports: [ReplanOutboxModule],
  controllers: [MeetingsController, ParticipantsController],
  providers: [MeetingsRepository, MeetingsService, ParticipantsRepository, ParticipantsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
