import { Module } from '@nestjs/common';
import { ReplanOutboxModule } from '../replans/replan-outbox.module.js';
import { PeopleController } from './people.controller.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';

@Module({ imports: [ReplanOutboxModule], controllers: [PeopleController], providers: [PeopleRepository, PeopleService], exports: [PeopleService] })
export class PeopleModule {}
