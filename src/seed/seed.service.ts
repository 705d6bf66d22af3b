import { readFileSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../core/auth/roles.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import type { DeadlineInput } from '../deadlines/deadline.schemas.js';
import { jmcc } from './jmcc-example.js';
import { SeedRepository } from './seed.repository.js';

const seeder: Principal = { keyId: null, name: 'example data', role: 'ADMIN' };

@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly repository: SeedRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  /** Loads the JMCC example. Idempotent: a second run finds everything and adds nothing. */
  async loadExample(): Promise<{ created: number; existing: number }> {
    // The report ships with the code (prisma/seed), two levels up from src/seed and dist/seed alike.
    const text = readFileSync(new URL(`../../prisma/seed/${jmcc.sourceFile}`, import.meta.url), 'utf8');
    const parties = Object.fromEntries(await Promise.all(jmcc.parties.map(async (p) => [p.key, (await this.repository.party(p.name, p.kind)).id] as const)));
    const people = Object.fromEntries(
      await Promise.all(jmcc.people.map(async ({ key, party, ...p }) => [key, (await this.repository.person({ ...p, partyId: parties[party] })).id] as const)),
    );
    const series = await this.repository.series(jmcc.series);
    const { participants, ...held } = jmcc.heldRound;
    const meeting = await this.repository.meeting({
      ...held,
      seriesId: series.id,
      status: 'HELD',
      startsAt: new Date(held.startsAt),
      endsAt: new Date(held.endsAt),
      sourceText: text,
    });
    for (const p of participants) {
      await this.repository.participant({ meetingId: meeting.id, personId: people[p.person], partyId: parties[p.party], role: p.role });
    }
    const nextRound = await this.repository.meeting({ ...jmcc.nextRound, seriesId: series.id, status: 'PLANNED' });

    let created = 0;
    for (const c of jmcc.commitments) {
      const extractionKey = `example:${c.key}`;
      if (await this.commitments.findByOrigin(meeting.id, extractionKey)) continue;
      const sourceStart = text.indexOf(c.quote);
      if (sourceStart < 0) throw new Error(`The example quote for ${c.key} is not in ${jmcc.sourceFile}`);
      const deadline: DeadlineInput =
        c.deadline.precision === 'MEETING' ? { precision: 'MEETING', meetingId: nextRound.id, phrase: c.deadline.phrase } : { ...c.deadline };
      await this.commitments.create(
        {
          title: c.title,
          kind: c.kind,
          meetingId: meeting.id,
          ownerPartyId: parties[c.owner],
          counterpartyId: parties[c.counterparty],
          responsiblePersonIds: c.responsible.map((k) => people[k]),
          watcherPersonIds: c.watchers.map((k) => people[k]),
          deadline,
          sourceQuote: c.quote,
          sourceStart,
          sourceEnd: sourceStart + c.quote.length,
          tags: ['jmcc'],
          status: 'OPEN',
        },
        seeder,
        { extractionKey },
      );
      created++;
    }
    const result = { created, existing: jmcc.commitments.length - created };
    this.logger.log(`Example data: ${result.created} commitments created, ${result.existing} already there`);
    return result;
  }
}
