import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '../core/auth/principal.decorator.js';
import { Public, RequireRole, type Principal } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { listQuerySchema, type ListQuery } from '../core/http/pagination.js';
import { idParam } from '../core/http/params.js';
import { calendarFeedPageSchema, calendarFeedSchema, createCalendarFeedSchema, feedFileParam, type CreateCalendarFeed } from './calendar-feed.schemas.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';

@ApiTags('Calendar feeds')
@Controller('api/v1')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post('calendar-feeds')
  @ApiBearerAuth()
  @RequireRole('VIEWER')
  @ApiOperationDoc({
    summary: 'Create a secret iCalendar feed of deadlines, for a person or for list filters',
    description:
      'A feed only shows what its creator may already read, so a viewer may create one. It belongs to the API key that creates it and ends when that key is revoked. The URL is shown once; only its hash is kept.',
    status: 201,
    response: calendarFeedSchema,
  })
  create(@Body({ schema: createCalendarFeedSchema }) body: CreateCalendarFeed, @CurrentPrincipal() principal: Principal) {
    return this.feeds.create(body, principal);
  }

  @Get('calendar-feeds')
  @ApiBearerAuth()
  @RequireRole('ADMIN')
  @ApiOperationDoc({
    summary: 'List calendar feeds: what each shows, which key made it, whether it serves. Never their addresses',
    response: calendarFeedPageSchema,
    errors: [403],
  })
  list(@Query({ schema: listQuerySchema }) query: ListQuery) {
    return this.feeds.list(query);
  }

  @Delete('calendar-feeds/:id')
  @ApiBearerAuth()
  @RequireRole('VIEWER')
  @HttpCode(204)
  @ApiOperationDoc({
    summary: 'Revoke a calendar feed: its URL answers 404 from now on. Revoking the API key that created a feed ends it too',
    status: 204,
    errors: [403, 404],
  })
  async revoke(@Param('id', { schema: idParam }) id: string, @CurrentPrincipal() principal: Principal) {
    await this.feeds.revoke(id, principal);
  }

  @Get('calendar/:file')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiOperationDoc({
    summary: 'A calendar feed (iCalendar, RFC 5545): each deadline as an event with an alarm. No API key: the address is the secret',
    description:
      '`file` is `<token>.ics` as in the URL the feed was created with. Unknown or revoked, or its key revoked: 404. Open commitments show however old their deadline; closed ones for a year back.',
    response: z.string().meta({ description: 'text/calendar' }),
    errors: [404],
  })
  feed(@Param('file', { schema: feedFileParam }) file: string) {
    return this.feeds.render(file);
  }
}
