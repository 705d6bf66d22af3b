import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { CommitmentJson } from '../../src/commitments/commitment.schemas.js';
import { loadConfig } from '../../src/core/config/config.js';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { SeedModule } from '../../src/seed/seed.module.js';
import { SeedService } from '../../src/seed/seed.service.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';

describe('example data', () => {
  let sut: TestApp;
  let seed: INestApplicationContext;

  beforeAll(async () => {
    sut = await startTestApp();
    seed = await NestFactory.createApplicationContext(SeedModule.forRoot(loadConfig()), { logger: false });
  });
  afterAll(async () => {
    await seed.close();
    await sut.close();
  });

  it('loads the JMCC meeting and its commitments, and a second run changes nothing', async () => {
    expect(await seed.get(SeedService).loadExample()).toEqual({ created: 3, existing: 0 });
    const prisma = sut.app.get(PrismaService);
    const counts = async () =>
      Promise.all([prisma.party.count(), prisma.person.count(), prisma.meeting.count(), prisma.commitment.count(), prisma.commitmentEvent.count()]);
    const before = await counts();
    expect(await seed.get(SeedService).loadExample()).toEqual({ created: 0, existing: 3 });
    expect(await counts()).toEqual(before);

    const series = await prisma.meetingSeries.findUniqueOrThrow({ where: { name: 'Pakistan-Russia Joint Military Consultative Committee' } });
    const [round2, round3] = await prisma.meeting.findMany({
      where: { seriesId: series.id },
      orderBy: { round: 'asc' },
      include: { participants: { include: { person: true } } },
    });
    expect(round2).toMatchObject({ round: 2, status: 'HELD', location: 'Moscow, Russia', startsAt: new Date('2019-08-20T06:00:00Z') });
    expect(round2.participants.map((p) => [p.person.name, p.role]).sort()).toEqual([
      ['Alexander V. Fomin', 'Head of delegation'],
      ['Ikram-ul-Haq', 'Head of delegation'],
    ]);
    expect(round3).toMatchObject({ round: 3, status: 'PLANNED', startsAt: null, location: 'Pakistan' });

    const text = readFileSync('prisma/seed/jmcc-2019-08-20.txt', 'utf8');
    const list = await sut.http().get('/api/v1/commitments').query({ meetingId: round2.id }).set(ADMIN).expect(200);
    const byTitle = Object.fromEntries((list.body.items as CommitmentJson[]).map((c) => [c.title, c]));
    expect(Object.keys(byTitle).sort()).toEqual([
      'Attend the Eastern Economic Forum in Vladivostok',
      'Ensure effective follow-up and implementation of the decisions',
      'Hold the third round of the JMCC in Pakistan',
    ]);
    for (const c of Object.values(byTitle)) expect(text.slice(c.sourceStart!, c.sourceEnd!)).toBe(c.sourceQuote);
    expect(byTitle['Hold the third round of the JMCC in Pakistan'].deadline).toMatchObject({
      precision: 'YEAR',
      value: '2020',
      label: '2020',
      phrase: 'next year',
    });
    expect(byTitle['Ensure effective follow-up and implementation of the decisions'].deadline).toMatchObject({
      precision: 'MEETING',
      meetingId: round3.id,
      label: 'at JMCC round 3',
      end: null,
    });
    expect(byTitle['Attend the Eastern Economic Forum in Vladivostok'].deadline).toMatchObject({
      precision: 'DAY',
      value: '2019-09-05/2019-09-06',
      start: '2019-09-05T00:00:00.000+10:00',
      end: '2019-09-06T23:59:59.999+10:00',
      label: '5–6 September 2019',
    });
  });
});
