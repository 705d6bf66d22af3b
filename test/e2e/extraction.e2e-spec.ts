import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommitmentJson } from '../../src/commitments/commitment.schemas.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

const jmcc = readFileSync('prisma/seed/jmcc-2019-08-20.txt', 'utf8');

describe('extraction', () => {
  let sut: TestApp;
  let pakistanId: string;
  let russiaId: string;
  let participants: { personId: string }[];

  const post = async <T>(path: string, body: Record<string, unknown>): Promise<T> => (await sut.http().post(path).set(ADMIN).send(body).expect(201)).body as T;
  /** Parties are matched by name in the text, so they are the real names, shared with the example data. */
  const party = async (name: string): Promise<string> => {
    const res = await sut.http().post('/api/v1/parties').set(ADMIN).send({ name, kind: 'COUNTRY' });
    if (res.status === 201) return (res.body as { id: string }).id;
    const found = await sut.http().get('/api/v1/parties').query({ q: name, limit: 100 }).set(ADMIN).expect(200);
    return (found.body.items as { id: string; name: string }[]).find((p) => p.name === name)!.id;
  };
  const person = async (partyId: string) =>
    (await post<{ id: string }>('/api/v1/people', { name: unique('Delegate'), email: `${randomUUID()}@example.org`, partyId })).id;
  /** A round 2 of a fresh series, held in Moscow on 2019-08-20. */
  const newMeeting = async (overrides: Record<string, unknown> = {}) => {
    const shortName = `JMCC-${randomUUID().slice(0, 8)}`;
    const series = await post<{ id: string }>('/api/v1/meeting-series', { name: `${shortName} Joint Military Consultative Committee`, shortName });
    const meeting = await post<{ id: string }>('/api/v1/meetings', {
      seriesId: series.id,
      round: 2,
      title: 'Second round of the JMCC',
      startsAt: '2019-08-20T10:00:00+03:00',
      timeZone: 'Europe/Moscow',
      status: 'HELD',
      sourceText: jmcc,
      participants,
      ...overrides,
    });
    return { meetingId: meeting.id, seriesId: series.id, shortName };
  };
  const extract = (meetingId: string, body: Record<string, unknown> = {}) => sut.http().post(`/api/v1/meetings/${meetingId}/extractions`).set(ADMIN).send(body);
  const stored = async (meetingId: string) =>
    (await sut.http().get('/api/v1/commitments').query({ meetingId, limit: 100 }).set(ADMIN).expect(200)).body.items as CommitmentJson[];

  beforeAll(async () => {
    sut = await startTestApp();
    pakistanId = await party('Pakistan');
    russiaId = await party('Russia');
    participants = [{ personId: await person(pakistanId) }, { personId: await person(russiaId) }];
  });
  afterAll(async () => {
    await sut.close();
  });

  it('stores the JMCC commitments as PROPOSED, with deadlines counted from the meeting date, and adds nothing when run again', async () => {
    const { meetingId, shortName } = await newMeeting();
    const first = await extract(meetingId).expect(201);
    const items = first.body.items as CommitmentJson[];
    const common = { status: 'PROPOSED', meetingId, ownerPartyId: null, counterpartyId: null };
    expect(items).toMatchObject([
      {
        ...common,
        title: 'Ensure effective follow-up and implementation of the decisions taken during the meeting',
        kind: 'ACTION',
        deadline: null,
        confidence: 0.9,
      },
      {
        ...common,
        title: `Hold the third round of the ${shortName} in Pakistan`,
        kind: 'MEETING',
        confidence: 0.9,
        deadline: {
          precision: 'YEAR',
          value: '2020',
          phrase: 'next year',
          timeZone: 'Europe/Moscow',
          start: '2020-01-01T00:00:00.000+03:00',
          end: '2020-12-31T23:59:59.999+03:00',
          label: '2020',
        },
      },
      {
        ...common,
        title: 'Attend the Eastern Economic Forum in Vladivostok',
        kind: 'VISIT',
        confidence: 0.7,
        deadline: {
          precision: 'DAY',
          value: '2019-09-05/2019-09-06',
          phrase: 'from Sept 05 to 06',
          start: '2019-09-05T00:00:00.000+03:00',
          end: '2019-09-06T23:59:59.999+03:00',
          label: '5–6 September 2019',
        },
      },
    ]);
    for (const c of items) expect(jmcc.slice(c.sourceStart!, c.sourceEnd!)).toBe(c.sourceQuote);
    expect(items.map((c) => c.sourceQuote).join(' ')).not.toMatch(/expressed the hope|In May|In June|since 2016|had held/);

    // Without a body at all, too: the meeting's text is read again.
    const again = await sut.http().post(`/api/v1/meetings/${meetingId}/extractions`).set(ADMIN).expect(201);
    expect((again.body.items as CommitmentJson[]).map((c) => c.id)).toEqual(items.map((c) => c.id));
    expect(await stored(meetingId)).toHaveLength(3);
  });

  it('does not propose again a candidate that was rejected, and answers an approved one as it is now', async () => {
    const { meetingId } = await newMeeting();
    const [ensure, hold, attend] = (await extract(meetingId).expect(201)).body.items as CommitmentJson[];
    await sut.http().post(`/api/v1/commitments/${attend.id}/reject`).set(ADMIN).send({ reason: 'Not ours' }).expect(204);
    await sut.http().post(`/api/v1/commitments/${hold.id}/approve`).set(ADMIN).expect(200);

    const again = (await extract(meetingId).expect(201)).body.items as CommitmentJson[];
    expect(again.map((c) => [c.id, c.status])).toEqual([
      [ensure.id, 'PROPOSED'],
      [hold.id, 'OPEN'],
    ]);
    expect(await stored(meetingId)).toHaveLength(2);
  });

  it('points "at the next round" to the next round of the series, planning it when nobody has', async () => {
    const { meetingId, seriesId, shortName } = await newMeeting();
    const text = 'The Russian side will brief the Pakistani side on the training plan at the next round.';
    const [brief] = (await extract(meetingId, { text }).expect(201)).body.items as CommitmentJson[];
    expect(brief).toMatchObject({
      title: 'Brief the Pakistani side on the training plan',
      kind: 'ACTION',
      ownerPartyId: russiaId,
      counterpartyId: pakistanId,
      sourceStart: 0,
      sourceEnd: text.length,
      deadline: { precision: 'MEETING', phrase: 'at the next round', start: null, end: null, label: `at ${shortName} round 3` },
    });
    const rounds = (await sut.http().get('/api/v1/meetings').query({ seriesId }).set(ADMIN).expect(200)).body.items as {
      id: string;
      round: number;
      status: string;
      startsAt: string | null;
    }[];
    const round3 = rounds.find((m) => m.round === 3);
    expect(round3).toMatchObject({ status: 'PLANNED', startsAt: null });
    expect(brief.deadline?.meetingId).toBe(round3?.id);

    const other = 'The Pakistani side will share the exercise calendar at the next round.';
    const [share] = (await extract(meetingId, { text: other }).expect(201)).body.items as CommitmentJson[];
    expect(share.deadline?.meetingId).toBe(round3?.id);
    expect((await sut.http().get('/api/v1/meetings').query({ seriesId }).set(ADMIN).expect(200)).body.items).toHaveLength(2);
  });

  it('answers 404 for an unknown meeting, 400 without any text, 409 for a meeting without a date', async () => {
    const unknown = await extract(randomUUID()).expect(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
    await extract('not-a-uuid').expect(400);

    const { meetingId: noText } = await newMeeting({ sourceText: null });
    const missing = await extract(noText).expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'no_source_text', errors: [{ field: 'text' }] });
    await extract(noText, { text: '' }).expect(400);
    await extract(noText, { text: jmcc, extra: true }).expect(400);

    const { meetingId: undated } = await newMeeting({ startsAt: null, status: 'PLANNED' });
    expect((await extract(undated).expect(409)).body).toMatchObject({ code: 'meeting_not_dated' });
  });

  it('needs an editor key', async () => {
    const { meetingId } = await newMeeting();
    await sut
      .http()
      .post(`/api/v1/meetings/${meetingId}/extractions`)
      .set(await sut.keyFor('VIEWER'))
      .send({})
      .expect(403);
    await sut.http().post(`/api/v1/meetings/${meetingId}/extractions`).send({}).expect(401);
  });
});
