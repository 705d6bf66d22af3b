import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../core/auth/principal.decorator.js';
import type { Principal } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  createMeetingSchema,
  meetingListQuerySchema,
  meetingPageSchema,
  meetingSchema,
  updateMeetingSchema,
  type CreateMeeting,
  type MeetingListQuery,
  type UpdateMeeting,
} from './meeting.schemas.js';
import { MeetingsService } from './meetings.service.js';

@ApiTags('Meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Create a meeting, optionally with its participants',
    description:
      'A round number is unique within its series. A participant without `partyId` attends for the person’s own party. ' +
      '`seriesId`, `personId` and `partyId` must name existing records.',
    status: 201,
    response: meetingSchema,
    errors: [403, 409],
  })
  create(@Body({ schema: createMeetingSchema }) body: CreateMeeting) {
    return this.meetings.create(body);
  }

  @Get()
  @ApiOperationDoc({ summary: 'List meetings by start, undated ones last', response: meetingPageSchema })
  list(@Query({ schema: meetingListQuerySchema }) query: MeetingListQuery) {
    return this.meetings.list(query);
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'Get a meeting with its participants', response: meetingSchema, errors: [404] })
  get(@Param('id', { schema: idParam }) id: string) {
    return this.meetings.get(id);
  }

  @Patch(':id')
  @ApiOperationDoc({ summary: 'Update a meeting', response: meetingSchema, errors: [403, 404, 409] })
  update(@Param('id', { schema: idParam }) id: string, @Body({ schema: updateMeetingSchema }) body: UpdateMeeting, @CurrentPrincipal() principal: Principal) {
    return this.meetings.update(id, body, principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationDoc({
    summary: 'Delete a meeting and its participant list (refused while commitments were made or are due at it)',
    status: 204,
    errors: [403, 404, 409],
  })
  async delete(@Param('id', { schema: idParam }) id: string) {
    await this.meetings.delete(id);
  }
}
