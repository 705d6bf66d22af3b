// The baseline: bare nodemailer sending already-rendered emails through a pool, as many at once as the
// pool takes, with nothing else (no queue, no database). Args: count, SMTP URL, pool size, messages
// per connection, a JSON file with { subject, text, html } to send.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';

const [count, url, pool, maxMessages, emailFile] = process.argv.slice(2);
const email = JSON.parse(readFileSync(emailFile, 'utf8'));
const transport = createTransport({ url, pool: true, maxConnections: Number(pool), maxMessages: Number(maxMessages) });
process.on('message', async () => {
  await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      transport.sendMail({
        from: 'Followthrough <followthrough@bench.local>',
        to: `person${i % 1000}@bench.local`,
        ...email,
        messageId: `<baseline.${randomUUID()}@bench.local>`,
      }),
    ),
  );
  transport.close();
  const { user, system } = process.cpuUsage();
  process.send({ type: 'cpu', seconds: (user + system) / 1e6 }, () => process.exit(0));
});
process.send({ type: 'ready' });
