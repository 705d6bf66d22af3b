import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../core/auth/principal.decorator.js';
import type { Principal } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import { extractCommitmentsSchema, extractionResultSchema, type ExtractCommitments } from './extraction.schemas.js';
import { ExtractionService } from './extraction.service.js';

@ApiTags('Meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class ExtractionController {
  constructor(private readonly extraction: ExtractionService) {}

  @Post(':id/extractions')
  @ApiOperationDoc({
    summary: 'Propose the commitments made in a meeting’s minutes or press release',
    description:
      'Reads `text`, or the meeting’s stored `sourceText`, and stores each commitment it finds as a PROPOSED commitment of the ' +
      'meeting, with its source quote and offsets, kind, confidence and deadline. Phrases such as "next year" or "in September" ' +
      'count from the meeting’s date in its time zone; "at the next round" points to the next round of the meeting’s series, ' +
      'which is created as PLANNED if nobody planned it yet. Past events, past statements and hopes are not proposed. ' +
      'Running it again on the same words adds nothing: earlier candidates are answered as they are now, rejected ones not at all. ' +
      '409 `meeting_not_dated` when the meeting has no start date.',
    status: 201,
    response: extractionResultSchema,
    errors: [403, 404, 409],
  })
  extract(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: extractCommitmentsSchema }) body: ExtractCommitments,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.extraction.extract(id, body.text, principal);
  }
}
