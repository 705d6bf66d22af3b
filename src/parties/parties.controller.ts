import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  createPartySchema,
  partyListQuerySchema,
  partyPageSchema,
  partySchema,
  updatePartySchema,
  type CreateParty,
  type PartyListQuery,
  type UpdateParty,
} from './party.schemas.js';
import { PartiesService } from './parties.service.js';

@ApiTags('Parties')
@ApiBearerAuth()
@Controller('api/v1/parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Post()
  @ApiOperationDoc({ summary: 'Create a party (a side that owes or is owed)', status: 201, response: partySchema, errors: [403, 409] })
  create(@Body({ schema: createPartySchema }) body: CreateParty) {
    return this.parties.create(body);
  }

  @Get()
  @ApiOperationDoc({ summary: 'List parties by name', response: partyPageSchema })
  list(@Query({ schema: partyListQuerySchema }) query: PartyListQuery) {
    return this.parties.list(query);
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'Get a party', response: partySchema, errors: [404] })
  get(@Param('id', { schema: idParam }) id: string) {
    return this.parties.get(id);
  }

  @Patch(':id')
  @ApiOperationDoc({ summary: 'Update a party', response: partySchema, errors: [403, 404, 409] })
  update(@Param('id', { schema: idParam }) id: string, @Body({ schema: updatePartySchema }) body: UpdateParty) {
    return this.parties.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationDoc({ summary: 'Delete a party (refused while anything refers to it)', status: 204, errors: [403, 404, 409] })
  async delete(@Param('id', { schema: idParam }) id: string) {
    await this.parties.delete(id);
  }
}
