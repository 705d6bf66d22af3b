import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * This process's metrics, in one registry served by GET /metrics (api) and METRICS_PORT (any
 * process). Counters live for the life of the process, as Prometheus expects.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'followthrough_' });

export const remindersSent = new Counter({
  name: 'followthrough_reminders_sent_total',
  help: 'Reminder and digest emails the SMTP server accepted',
  labelNames: ['kind'],
  registers: [metricsRegistry],
});

export const remindersSkipped = new Counter({
  name: 'followthrough_reminders_skipped_total',
  help: 'Reminders not sent, by why (commitment closed, superseded, daily limit, ...)',
  labelNames: ['kind', 'reason'],
  registers: [metricsRegistry],
});

export const remindersFailed = new Counter({
  name: 'followthrough_reminders_failed_total',
  help: 'Reminders marked FAILED (permanent refusal or out of attempts)',
  labelNames: ['kind'],
  registers: [metricsRegistry],
});

export const reminderRetries = new Counter({
  name: 'followthrough_reminder_retries_total',
  help: 'Refused sends scheduled for another attempt',
  labelNames: ['kind'],
  registers: [metricsRegistry],
});

export const reminderLeaseExpiries = new Counter({
  name: 'followthrough_reminder_lease_expiries_total',
  help: 'Claimed reminders whose lease ran out unsent and went back to PENDING',
  registers: [metricsRegistry],
});

export const reminderDelivery = new Histogram({
  name: 'followthrough_reminder_delivery_seconds',
  help: 'From the moment a reminder fell due to the SMTP server accepting it',
  labelNames: ['kind'],
  buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
  registers: [metricsRegistry],
});

export const smtpSend = new Histogram({
  name: 'followthrough_smtp_send_seconds',
  help: 'One SMTP transaction, from handing the email to the pool to its answer',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const httpRequests = new Histogram({
  name: 'followthrough_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status code',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
