import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { ActionTokens } from '../../src/email-actions/action-token.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { closedPort } from '../support/ports.js';
import { createPerson, inSeconds, remindersOf, type TestPerson } from '../support/reminder-fixtures.js';
import { startWorker } from '../support/reminder-worker.js';
import { startSmtp, type ReceivedMail, type SmtpHarness } from '../support/smtp.js';

const linkTexts = {
  acknowledge: 'Acknowledge',
  progress: 'Report progress',
  extend: 'Ask for more time',
  done: 'Mark as done',
  unsubscribe: 'Stop these reminders',
} as const;
type Action = keyof typeof linkTexts;

/** The action links of an email, by the words the reader sees beside them. */
function linksIn(mail: ReceivedMail): Record<Action, string> {
  const found = Object.fromEntries(Object.entries(linkTexts).map(([action, text]) => [action, new RegExp(`${text}: (\\S+)`).exec(mail.text)?.[1]])) as Record<
    Action,
    string | undefined
  >;
  for (const [action, url] of Object.entries(found)) if (!url) throw new Error(`No ${action} link in:\n${mail.text}`);
  return found as Record<Action, string>;
}

describe('Email actions', () => {
  let t: TestApp;
  let smtp: SmtpHarness;
  let worker: INestApplicationContext;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    process.env.ACTIONS_URL = base;
    t = await startTestApp();
    await t.app.listen(port, '127.0.0.1');
    worker = await startWorker({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp?.stop();
  });

  const state = async (id: string) => {
    const [commitment, events, extensions, reminders] = await Promise.all([
      t.http().get(`/api/v1/commitments/${id}`).set(ADMIN).expect(200),
      t.http().get(`/api/v1/commitments/${id}/events?limit=200`).set(ADMIN).expect(200),
      t.http().get(`/api/v1/commitments/${id}/extension-requests`).set(ADMIN).expect(200),
      remindersOf(t, id),
    ]);
    return {
      commitment: commitment.body,
      events: events.body.items as { type: string; actor: string; note: string | null; changes: Record<string, { to: unknown }> | null }[],
      extensions: extensions.body.items,
      reminders,
    };
  };

  async function firstReminder(ali: TestPerson, watcher: TestPerson, as = ADMIN) {
    const due = inSeconds(3600);
    const res = await t
      .http()
      .post('/api/v1/commitments')
      .set(as)
      .send({
        title: 'Hold the third round <of> the JMCC & agree dates',
        responsiblePersonIds: [ali.id],
        watcherPersonIds: [watcher.id],
        deadline: { precision: 'DATETIME', value: due.toISOString(), timeZone: 'UTC' },
        reminderPolicy: { offsets: ['-PT3595S', '-PT30M'], localTime: null, repeatOverdueEvery: null },
      })
      .expect(201);
    const commitment = { id: res.body.id as string };
    await smtp.waitFor(() => smtp.to(ali.email).length > 0);
    // Settled: the emails are marked sent, so nothing but what the test does changes the commitment.
    for (
      let i = 0;
      i < 100 && (await remindersOf(t, commitment.id)).some((r) => r.status === 'CLAIMED' || (r.status === 'PENDING' && Date.parse(r.fireAt) <= Date.now()));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { commitment, mail: smtp.to(ali.email)[0] };
  }

  it('follows a reminder’s links as a person would: each form acts once, with the person in the history', async () => {
    const ali = await createPerson(t, 'Asia/Karachi');
    const watcher = await createPerson(t, 'UTC');
    const secretariat = await t
      .http()
      .post('/api/v1/api-keys')
      .set(ADMIN)
      .send({ name: 'Secretariat', role: 'EDITOR', contactEmail: 'secretariat@example.test' })
      .expect(201);
    expect(secretariat.body.contactEmail).toBe('secretariat@example.test');
    const { commitment, mail } = await firstReminder(ali, watcher, { Authorization: `Bearer ${secretariat.body.key}` });
    const links = linksIn(mail);
    for (const url of Object.values(links)) expect(url.startsWith(`${base}/actions/`)).toBe(true);
    expect(mail.headers['list-unsubscribe']).toBe(`<${links.unsubscribe}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain('>Ask for more time</a>');

    // Opening every link (as a mail scanner would) shows a page and changes nothing.
    const before = await state(commitment.id);
    for (const url of Object.values(links)) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('Hold the third round &lt;of&gt; the JMCC &amp; agree dates');
      expect(page).toContain('<form method="post">');
    }
    expect(await state(commitment.id)).toEqual(before);

    const page = await browser.browser.newPage();
    await page.goto(links.acknowledge);
    await page.getByRole('button', { name: 'I have seen this' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('You acknowledged this commitment.');

    await page.goto(links.progress);
    await page.getByLabel('What has been done').fill('Dates proposed to the Russian side: 10-11 March');
    await page.getByLabel(/Link to evidence/).fill('https://example.org/letter.pdf');
    await page.getByRole('button', { name: 'Send the update' }).click();
    await page.getByRole('status').waitFor();

    await page.goto(links.extend);
    await page.getByLabel('New deadline').fill('2031-03');
    await page.getByLabel('Why more time is needed').fill('The venue is booked until February');
    await page.getByRole('button', { name: 'Ask for more time' }).click();
    await page.getByRole('status').waitFor();

    const after = await state(commitment.id);
    expect(after.commitment.acknowledgedBy).toBe(ali.id);
    expect(after.commitment.acknowledgedAt).not.toBeNull();
    const mine = after.events.filter((e) => e.actor === `person:${ali.id}`);
    expect(mine.map((e) => e.type)).toEqual(['UPDATED', 'NOTE', 'NOTE']);
    expect(mine[1].note).toBe('Dates proposed to the Russian side: 10-11 March');
    expect(mine[1].changes?.evidenceUrl.to).toBe('https://example.org/letter.pdf');
    expect(after.extensions).toEqual([
      expect.objectContaining({
        personId: ali.id,
        proposedDeadline: { precision: 'MONTH', value: '2031-03', timeZone: 'UTC' },
        reason: 'The venue is booked until February',
        status: 'PENDING',
        decidedBy: null,
      }),
    ]);

    // The same link afterwards says what was done and when; it never errs.
    const again = await fetch(links.acknowledge);
    expect(again.status).toBe(200);
    expect(await again.text()).toMatch(/You acknowledged this commitment\.[\s\S]*<time datetime="/);

    // Watchers, and the contact of the key that created the commitment, hear about it.
    await smtp.waitFor(() => smtp.to(watcher.email).some((m) => m.subject.includes('asked for more time')));
    await smtp.waitFor(() => smtp.to('secretariat@example.test').some((m) => m.subject.includes('asked for more time')));
    expect(smtp.to('secretariat@example.test').find((m) => m.subject.includes('asked for more time'))!.text).toContain('The venue is booked until February');
    expect(smtp.to(watcher.email).map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`acknowledged it`),
        expect.stringContaining('reported progress'),
        expect.stringContaining('asked for more time'),
      ]),
    );

    // An editor approves: the deadline moves with history and a new plan, and the requester is told.
    const editor = await t.keyFor('EDITOR');
    const approved = await t.http().post(`/api/v1/extension-requests/${after.extensions[0].id}/approve`).set(editor).expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decidedBy: 'api-key:EDITOR key' });
    await t.http().post(`/api/v1/extension-requests/${after.extensions[0].id}/decline`).set(editor).expect(409);
    const moved = await state(commitment.id);
    expect(moved.commitment.deadline).toMatchObject({ precision: 'MONTH', value: '2031-03', label: 'March 2031' });
    expect(moved.events.at(-1)).toMatchObject({ type: 'UPDATED', actor: 'api-key:EDITOR key' });
    const pending = moved.reminders.filter((r) => r.status === 'PENDING' && r.recipientPersonId === ali.id);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => new Date(r.fireAt).getTime() > Date.parse('2031-03-01T00:00:00Z'))).toBe(true);
    await smtp.waitFor(() => smtp.to(ali.email).some((m) => m.subject.startsWith('More time approved')));

    // Mark as done, with a note: closed, and the reminders still to come are cancelled.
    await page.goto(links.done);
    await page.getByLabel(/A short note/).fill('Held in Islamabad');
    await page.getByRole('button', { name: 'Mark as done' }).click();
    await page.getByRole('status').waitFor();
    const done = await state(commitment.id);
    expect(done.commitment.status).toBe('DONE');
    expect(done.commitment.completedAt).not.toBeNull();
    expect(done.events.at(-1)).toMatchObject({ type: 'STATUS_CHANGED', actor: `person:${ali.id}`, note: 'Held in Islamabad' });
    expect(done.reminders.filter((r) => r.status === 'PENDING')).toEqual([]);
    await page.close();
  });

  it('stops reminders with one POST and no browser; an admin sees it and undoes it', async () => {
    const ali = await createPerson(t, 'UTC');
    const watcher = await createPerson(t, 'UTC');
    const { commitment, mail } = await firstReminder(ali, watcher);
    const { unsubscribe } = linksIn(mail);
    const waiting = (await remindersOf(t, commitment.id)).filter((r) => r.recipientPersonId === ali.id && r.status === 'PENDING');
    expect(waiting).toHaveLength(1);

    const res = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const stopped = (await remindersOf(t, commitment.id)).find((r) => r.id === waiting[0].id)!;
    expect(stopped).toMatchObject({ status: 'SKIPPED', skipReason: 'the recipient stopped reminders for this commitment' });
    const events = (await state(commitment.id)).events;
    expect(events.at(-1)).toMatchObject({ type: 'UPDATED', actor: `person:${ali.id}` });

    const optOuts = await t.http().get(`/api/v1/reminder-opt-outs?personId=${ali.id}`).set(ADMIN).expect(200);
    expect(optOuts.body.items).toEqual([expect.objectContaining({ personId: ali.id, commitmentId: commitment.id })]);
    await t
      .http()
      .get(`/api/v1/reminder-opt-outs`)
      .set(await t.keyFor('EDITOR'))
      .expect(403);
    await t.http().delete(`/api/v1/reminder-opt-outs/${optOuts.body.items[0].id}`).set(ADMIN).expect(204);
    expect((await remindersOf(t, commitment.id)).find((r) => r.id === waiting[0].id)!.status).toBe('PENDING');
  });

  it('refuses altered and expired links, and forms posted without the page’s CSRF pair', async () => {
    const ali = await createPerson(t, 'UTC');
    const watcher = await createPerson(t, 'UTC');
    const { commitment, mail } = await firstReminder(ali, watcher);
    const { acknowledge } = linksIn(mail);
    const token = acknowledge.slice(acknowledge.lastIndexOf('/') + 1);
    const altered = `${base}/actions/${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    for (const method of ['GET', 'POST']) {
      const res = await fetch(altered, {
        method,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: method === 'POST' ? 'csrf=x' : undefined,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('This link is not valid');
    }
    const expired = new ActionTokens(process.env.ACTION_SECRET!).sign({
      personId: ali.id,
      commitmentId: commitment.id,
      action: 'acknowledge',
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await fetch(`${base}/actions/${expired}`);
    expect(res.status).toBe(410);
    expect(res.headers.get('x-ratelimit-limit')).toBe('60');
    expect(await res.text()).toContain('This link has expired');

    // A cross-site form post carries no cookie: refused, and nothing is acknowledged.
    const forged = await fetch(acknowledge, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'csrf=anything' });
    expect(forged.status).toBe(403);
    expect((await state(commitment.id)).commitment.acknowledgedAt).toBeNull();
  });
});
