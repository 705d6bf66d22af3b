// The benchmark's SMTP sink, in a process of its own: it records the time each Message-ID arrives and
// answers the parent's requests over IPC ({ type: 'report' } / { type: 'reset' }).
import { SMTPServer } from 'smtp-server';

let received = new Map();
let duplicates = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 4096) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*<([^>]+)>/im.exec(head)?.[1];
      if (id && received.has(id)) duplicates += 1;
      else if (id) received.set(id, Date.now());
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.server.address().port }));
process.on('message', (message) => {
  if (message.type === 'reset') {
    received = new Map();
    duplicates = 0;
    process.send({ type: 'reset' });
  } else if (message.type === 'count') {
    process.send({ type: 'count', count: received.size });
  } else if (message.type === 'report') {
    process.send({ type: 'report', received: [...received.entries()], duplicates });
  } else if (message.type === 'stop') {
    server.close(() => process.exit(0));
  }
});
