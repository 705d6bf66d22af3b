import { Module } from '@nestjs/common';
import { MeetingSeriesController } from './meeting-series.controller.js';
import { MeetingSeriesRepository } from './meeting-series.repository.js';
import { MeetingSeriesService } from './meeting-series.service.js';

@Module({
  controllers: [MeetingSeriesController],
  providers: [MeetingSeriesRepository, MeetingSeriesService],
  exports: [MeetingSeriesService],
})
export class MeetingSeriesModule {}
