import { Module } from '@nestjs/common';
import { ReminderOptOutsRepository } from './reminder-opt-outs.repository.js';
import { ReminderOptOuts } from './reminder-opt-outs.service.js';
import { ReminderPlanRepository } from './reminder-plan.repository.js';
import { ReminderPlanner } from './reminder-planner.service.js';

/** Planning only: what commitments, people and meetings call when they change. */
@Module({ providers: [ReminderPlanRepository, ReminderPlanner, ReminderOptOutsRepository, ReminderOptOuts], exports: [ReminderPlanner, ReminderOptOuts] })
export class ReminderLedgerModule {}
