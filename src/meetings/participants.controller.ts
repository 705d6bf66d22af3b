import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  createParticipantSchema,
  participantListSchema,
  participantSchema,
  updateParticipantSchema,
  type CreateParticipant,
  type UpdateParticipant,
} from './participant.schemas.js';
import { ParticipantsService } from './participants.service.js';

@ApiTags('Meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings/:id/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  @ApiOperationDoc({ summary: 'List who attends a meeting', response: participantListSchema, errors: [404] })
  list(@Param('id', { schema: idParam }) meetingId: string) {
    return this.participants.list(meetingId);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Add a participant to a meeting',
    description: 'Without `partyId` the person attends for their own party. A person attends a meeting at most once.',
    status: 201,
    response: participantSchema,
    errors: [403, 404, 409],
  })
  add(@Param('id', { schema: idParam }) meetingId: string, @Body({ schema: createParticipantSchema }) body: CreateParticipant) {
    return this.participants.add(meetingId, body);
  }

  @Patch(':participantId')
  @ApiOperationDoc({ summary: 'Change a participant’s party or role', response: participantSchema, errors: [403, 404] })
  update(
    @Param('id', { schema: idParam }) meetingId: string,
    @Param('participantId', { schema: idParam }) id: string,
    @Body({ schema: updateParticipantSchema }) body: UpdateParticipant,
  ) {
    return this.participants.update(meetingId, id, body);
  }

  @Delete(':participantId')
  @HttpCode(204)
  @ApiOperationDoc({ summary: 'Remove a participant from a meeting', status: 204, errors: [403, 404] })
  async remove(@Param('id', { schema: idParam }) meetingId: string, @Param('participantId', { schema: idParam }) id: string) {
    await this.participants.remove(meetingId, id);
  }
}
