import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../core/auth/roles.js';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { ProblemError } from '../core/errors/problem.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import type { Page } from '../core/http/pagination.js';
import { Mailbox, type MailboxEntry, type MailboxMessage } from './mailbox.js';
import { mailboxIdParam, mailboxMessageSchema, mailboxPageSchema, mailboxQuerySchema, type MailboxQuery } from './mailbox.schemas.js';

const description =
  'The built-in mailbox holds every email the service sent while no SMTP server is configured (SMTP_URL unset), ' +
  'each also stored as an .eml file under DATA_DIR/mail. With SMTP_URL set, mail goes to that server and this answers 404.';

@ApiTags('Mailbox')
@ApiBearerAuth()
@RequireRole('ADMIN')
@Controller('api/v1/dev/mailbox')
export class MailboxController {
  constructor(
    private readonly mailbox: Mailbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperationDoc({ summary: 'Emails in the built-in mailbox, newest first (admin)', description, response: mailboxPageSchema, errors: [403, 404] })
  async list(@Query({ schema: mailboxQuerySchema }) query: MailboxQuery): Promise<Page<MailboxEntry>> {
    this.assertInUse();
    const { items, more } = await this.mailbox.list(query.limit, query.cursor);
    return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'One email of the built-in mailbox with its text and HTML (admin)', description, response: mailboxMessageSchema, errors: [403, 404] })
  async read(@Param('id', { schema: mailboxIdParam }) id: string): Promise<MailboxMessage> {
    this.assertInUse();
    const message = await this.mailbox.read(id);
    if (!message) throw ProblemError.notFound('Mailbox message', id);
    return message;
  }

  private assertInUse(): void {
    if (this.config.SMTP_URL !== undefined) {
      throw new ProblemError(404, 'mailbox_not_in_use', 'SMTP_URL is set: emails go to that server, not to the built-in mailbox');
    }
  }
}
