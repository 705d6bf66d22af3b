import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal } from '../core/auth/principal.decorator.js';
import type { Principal } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { pageJsonText } from '../core/http/json-text.js';
import { listQuerySchema, type ListQuery } from '../core/http/pagination.js';
import { idParam } from '../core/http/params.js';
import {
  commitmentEventPageSchema,
  commitmentEventSchema,
  commitmentListQuerySchema,
  commitmentPageSchema,
  commitmentSchema,
  createCommitmentSchema,
  noteSchema,
  updateCommitmentSchema,
  type CommitmentListQuery,
  type CreateCommitment,
  type UpdateCommitment,
} from './commitment.schemas.js';
import { CommitmentSearchService } from './commitment-search.service.js';
import { CommitmentsService, type CommitmentWithEtag } from './commitments.service.js';

const ifMatchHeader = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag of the version you read; a stale one gives 412 and nothing changes',
  example: '"3"',
});
const rejectSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).meta({ id: 'RejectCommitment' });

@ApiTags('Commitments')
@ApiBearerAuth()
@Controller('api/v1/commitments')
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly search: CommitmentSearchService,
  ) {}

  @Post()
  @ApiOperationDoc({ summary: 'Record a commitment', status: 201, response: commitmentSchema, errors: [403] })
  async create(
    @Body({ schema: createCommitmentSchema }) body: CreateCommitment,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.commitments.create(body, principal));
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List commitments: filters, sorts, full-text search, keyset cursor',
    description:
      'Filters combine (AND). Default order: by the deadline window’s end, soonest first, undated last; with `q`, best matches first. ' +
      'Relevance ranks the newest 200 matches that existed when the first page was read (ranking every match of a common word costs too much); ' +
      'to page exhaustively through a large result, sort by deadline, created or updated. Paging never skips or repeats a row, even while rows are added.',
    response: commitmentPageSchema,
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  async list(@Query({ schema: commitmentListQuerySchema }) query: CommitmentListQuery) {
    return pageJsonText(await this.search.list(query));
  }

  @Get(':id')
  @ApiOperationDoc({ summary: 'Get a commitment (with its ETag)', response: commitmentSchema, errors: [404] })
  async get(@Param('id', { schema: idParam }) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.commitments.get(id));
  }

  @Patch(':id')
  @ifMatchHeader
  @ApiOperationDoc({
    summary: 'Change a commitment',
    description: 'Only the fields sent change. Status changes follow the allowed transitions (409 otherwise); DONE records when.',
    response: commitmentSchema,
    errors: [403, 404, 409, 412],
  })
  async update(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: updateCommitmentSchema }) body: UpdateCommitment,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.commitments.update(id, body, ifMatch, principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @ifMatchHeader
  @ApiOperationDoc({ summary: 'Delete a commitment (its history is kept)', status: 204, errors: [403, 404, 412] })
  async delete(@Param('id', { schema: idParam }) id: string, @Headers('if-match') ifMatch: string | undefined, @CurrentPrincipal() principal: Principal) {
    await this.commitments.delete(id, ifMatch, principal);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperationDoc({ summary: 'Approve a PROPOSED commitment: it becomes OPEN', response: commitmentSchema, errors: [403, 404, 409] })
  async approve(@Param('id', { schema: idParam }) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.commitments.approve(id, principal));
  }

  @Post(':id/reject')
  @HttpCode(204)
  @ApiOperationDoc({ summary: 'Reject a PROPOSED commitment: it is deleted, with a history entry', status: 204, errors: [403, 404, 409] })
  async reject(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: rejectSchema.optional() }) body: { reason?: string } | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.commitments.reject(id, principal, body?.reason);
  }

  @Post(':id/notes')
  @ApiOperationDoc({ summary: 'Add a progress note', status: 201, response: commitmentEventSchema, errors: [403, 404] })
  addNote(@Param('id', { schema: idParam }) id: string, @Body({ schema: noteSchema }) body: { text: string }, @CurrentPrincipal() principal: Principal) {
    return this.commitments.addNote(id, body.text, principal);
  }

  @Get(':id/events')
  @ApiOperationDoc({ summary: 'The full history: creation, every change with old and new values, notes', response: commitmentEventPageSchema, errors: [404] })
  events(@Param('id', { schema: idParam }) id: string, @Query({ schema: listQuerySchema }) query: ListQuery) {
    return this.commitments.events(id, query);
  }
}

function send(reply: FastifyReply, result: CommitmentWithEtag) {
  void reply.header('ETag', result.etag);
  return result.commitment;
}
