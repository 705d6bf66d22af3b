import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  createMeetingSeriesSchema,
  meetingSeriesListQuerySchema,
  meetingSeriesPageSchema,
  meetingSeriesSchema,
  updateMeetingSeriesSchema,
  type CreateMeetingSeries,
  type MeetingSeriesListQuery,
  type UpdateMeetingSeries,
} from './meeting-series.schemas.js';
import { MeetingSeriesService } from './meeting-series.service.js';

@ApiTags('Meeting series')
@ApiBearerAuth()
@Controller('api/v1/meeting-series')
export class MeetingSeriesController {
  constructor(private readonly series: MeetingSeriesService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Create a meeting series (a recurring forum)',
    description: 'Both the name and the short name are unique.',
    status: 201,
    response: meetingSeriesSchema,
    errors: [403, 409],
  })
  create(@Body({ schema: createMeetingSeriesSchema }) body: CreateMeetingSeries) {
    return this.series.create(body);
  }

  @Get()
  @ApiOperationDoc({ summary: 'List meeting series by name', response: meetingSeriesPageSchema })
  list(@Query({ schema: meetingSeriesListQuerySchema }) query: MeetingSeriesListQuery) {
    return this.series.list(query);
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'Get a meeting series', response: meetingSeriesSchema, errors: [404] })
  get(@Param('id', { schema: idParam }) id: string) {
    return this.series.get(id);
  }

  @Patch(':id')
  @ApiOperationDoc({ summary: 'Update a meeting series', response: meetingSeriesSchema, errors: [403, 404, 409] })
  update(@Param('id', { schema: idParam }) id: string, @Body({ schema: updateMeetingSeriesSchema }) body: UpdateMeetingSeries) {
    return this.series.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationDoc({ summary: 'Delete a meeting series (refused while it has meetings)', status: 204, errors: [403, 404, 409] })
  async delete(@Param('id', { schema: idParam }) id: string) {
    await this.series.delete(id);
  }
}
