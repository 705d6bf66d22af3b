import { Module } from '@nestjs/common';
import { ReminderPlanRepository } from './reminder-plan.repository.js';
import { ReminderPlanner } from './reminder-planner.service.js';

/** Planning only: what commitments, people and meetings call when they change. */
@Module({ providers: [ReminderPlanRepository, ReminderPlanner], exports: [ReminderPlanner] })
export class ReminderLedgerModule {}
