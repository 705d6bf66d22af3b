import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  commitmentRemindersSchema,
  reminderDeliverySchema,
  reminderListQuerySchema,
  reminderPageSchema,
  reminderRetryQuerySchema,
  reminderSchema,
  type ReminderDeliveryPreference,
  type ReminderListQuery,
  type ReminderRetryQuery,
} from './reminder.schemas.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('Reminders')
@ApiBearerAuth()
@Controller('api/v1')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('commitments/:id/reminders')
  @ApiOperationDoc({ summary: 'The reminder plan of a commitment and what happened to each reminder', response: commitmentRemindersSchema, errors: [404] })
  ofCommitment(@Param('id', { schema: idParam }) id: string) {
    return this.reminders.ofCommitment(id);
  }

  @Get('reminders')
  @RequireRole('ADMIN')
  @ApiOperationDoc({ summary: 'List reminders, e.g. the FAILED ones (admin)', response: reminderPageSchema, errors: [403] })
  list(@Query({ schema: reminderListQuerySchema }) query: ReminderListQuery) {
    return this.reminders.list(query);
  }

  @Post('reminders/:id/retry')
  @HttpCode(200)
  @RequireRole('ADMIN')
  @ApiOperationDoc({
    summary: 'Send a FAILED reminder again (admin)',
    description:
      'Sends the reminder, or answers 409 saying why it would not be sent: `not_failed`, `commitment_not_open`, or `superseded` ' +
      '(a later reminder to the same person about the same commitment was sent or is due; `supersededBy` is its id, and `force=true` sends this one anyway).',
    response: reminderSchema,
    errors: [403, 404, 409],
  })
  retry(@Param('id', { schema: idParam }) id: string, @Query({ schema: reminderRetryQuerySchema }) query: ReminderRetryQuery) {
    return this.reminders.retry(id, query.force);
  }

  @Put('people/:id/reminder-delivery')
  @ApiOperationDoc({ summary: 'Choose one email per reminder or a daily digest for a person', response: reminderDeliverySchema, errors: [403, 404] })
  setDelivery(@Param('id', { schema: idParam }) id: string, @Body({ schema: reminderDeliverySchema }) body: ReminderDeliveryPreference) {
    return this.reminders.setDelivery(id, body);
  }
}
