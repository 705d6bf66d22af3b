import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job, type Queue } from 'bullmq';
import escapeHtml from 'escape-html';
import { logConnectionErrors } from '../core/connection-errors.js';
import { MailService } from '../mail/mail.service.js';
import { NOTICE_QUEUE, type NoticeJob } from './action-notices.js';

/** Sends the notices the API queued; a refused send is retried with backoff by BullMQ. */
@Injectable()
export class ActionNoticeWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ActionNoticeWorker.name);
  private worker?: Worker;

  constructor(
    @InjectQueue(NOTICE_QUEUE) private readonly queue: Queue<NoticeJob>,
    private readonly mail: MailService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(NOTICE_QUEUE, (job: Job<NoticeJob>) => this.send(job), {
      connection: this.queue.opts.connection,
      prefix: this.queue.opts.prefix,
      concurrency: 5,
    });
    logConnectionErrors(this.worker, this.logger, NOTICE_QUEUE);
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  private async send(job: Job<NoticeJob>): Promise<void> {
    const { to, subject, text } = job.data;
    await this.mail.send({
      to,
      subject,
      text,
      html: `<!doctype html><html><body><pre style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</pre></body></html>`,
      messageId: this.mail.messageId('notice', job.id ?? ''),
    });
  }
}
