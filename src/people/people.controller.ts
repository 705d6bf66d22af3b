import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import {
  createPersonSchema,
  personListQuerySchema,
  personPageSchema,
  personSchema,
  updatePersonSchema,
  type CreatePerson,
  type PersonListQuery,
  type UpdatePerson,
} from './person.schemas.js';
import { PeopleService } from './people.service.js';

@ApiTags('People')
@ApiBearerAuth()
@Controller('api/v1/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Create a person (someone who owes, is owed, or attends)',
    description: 'The email is stored lowercased and must be unique. `partyId` and `escalationContactId` must name existing records.',
    status: 201,
    response: personSchema,
    errors: [403, 409],
  })
  create(@Body({ schema: createPersonSchema }) body: CreatePerson) {
    return this.people.create(body);
  }

  @Get()
  @ApiOperationDoc({ summary: 'List people by name', response: personPageSchema })
  list(@Query({ schema: personListQuerySchema }) query: PersonListQuery) {
    return this.people.list(query);
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'Get a person', response: personSchema, errors: [404] })
  get(@Param('id', { schema: idParam }) id: string) {
    return this.people.get(id);
  }

  @Patch(':id')
  @ApiOperationDoc({ summary: 'Update a person', response: personSchema, errors: [403, 404, 409] })
  update(@Param('id', { schema: idParam }) id: string, @Body({ schema: updatePersonSchema }) body: UpdatePerson) {
    return this.people.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationDoc({
    summary: 'Delete a person (refused while a meeting, commitment or escalation refers to them)',
    status: 204,
    errors: [403, 404, 409],
  })
  async delete(@Param('id', { schema: idParam }) id: string) {
    await this.people.delete(id);
  }
}
