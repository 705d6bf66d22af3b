import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';
import { idParam } from '../core/http/params.js';
import { ReminderOptOuts } from '../reminders/reminder-opt-outs.service.js';

const optOutSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    commitmentId: z.uuid().nullable().meta({ description: 'null: the person stopped all reminders' }),
    reason: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ReminderOptOut' });
const optOutQuerySchema = listQuerySchema.extend({ personId: z.uuid().optional(), commitmentId: z.uuid().optional() });

@ApiTags('Reminders')
@ApiBearerAuth()
@RequireRole('ADMIN')
@Controller('api/v1/reminder-opt-outs')
export class ReminderOptOutsController {
  constructor(private readonly optOuts: ReminderOptOuts) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Who stopped their reminders from an email, newest first (admin)',
    response: pageSchema(optOutSchema, 'ReminderOptOutPage'),
    errors: [403],
  })
  list(@Query({ schema: optOutQuerySchema }) query: z.infer<typeof optOutQuerySchema>) {
    return this.optOuts.list({ personId: query.personId, commitmentId: query.commitmentId }, query.limit, query.cursor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationDoc({ summary: 'Undo a stop: reminders still to come are planned again (admin)', status: 204, errors: [403, 404] })
  async undo(@Param('id', { schema: idParam }) id: string) {
    await this.optOuts.undo(id);
  }
}
