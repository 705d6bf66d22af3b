import { Module } from '@nestjs/common';
import { ReminderLedgerModule } from '../reminders/reminder-ledger.module.js';
import { PeopleController } from './people.controller.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';

@Module({ imports: [ReminderLedgerModule], controllers: [PeopleController], providers: [PeopleRepository, PeopleService], exports: [PeopleService] })
export class PeopleModule {}
