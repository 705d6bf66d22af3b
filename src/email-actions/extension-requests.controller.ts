import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../core/auth/principal.decorator.js';
import type { Principal } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { idParam } from '../core/http/params.js';
import { declineExtensionSchema, extensionRequestListSchema, extensionRequestSchema } from './extension-request.schemas.js';
import { ExtensionRequestsService } from './extension-requests.service.js';

@ApiTags('Extension requests')
@ApiBearerAuth()
@Controller('api/v1')
export class ExtensionRequestsController {
  constructor(private readonly requests: ExtensionRequestsService) {}

  @Get('commitments/:id/extension-requests')
  @ApiOperationDoc({ summary: 'Requests for more time sent from reminder emails, oldest first', response: extensionRequestListSchema, errors: [404] })
  ofCommitment(@Param('id', { schema: idParam }) id: string) {
    return this.requests.ofCommitment(id);
  }

  @Post('extension-requests/:id/approve')
  @HttpCode(200)
  @ApiOperationDoc({
    summary: 'Approve a request: the deadline moves (history, reminders re-planned) and the requester is told',
    response: extensionRequestSchema,
    errors: [403, 404, 409],
  })
  approve(@Param('id', { schema: idParam }) id: string, @CurrentPrincipal() principal: Principal) {
    return this.requests.approve(id, principal);
  }

  @Post('extension-requests/:id/decline')
  @HttpCode(200)
  @ApiOperationDoc({ summary: 'Decline a request: the deadline stays and the requester is told', response: extensionRequestSchema, errors: [403, 404, 409] })
  decline(
    @Param('id', { schema: idParam }) id: string,
    @Body({ schema: declineExtensionSchema.optional() }) body: { reason?: string } | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.requests.decline(id, principal, body?.reason);
  }
}
