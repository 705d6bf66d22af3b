import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../core/auth/roles.js';
import { ApiOperationDoc } from '../core/http/openapi.js';
import { listQuerySchema, type ListQuery } from '../core/http/pagination.js';
import { idParam } from '../core/http/params.js';
import { apiKeyPageSchema, apiKeySchema, createApiKeySchema, createdApiKeySchema, type CreateApiKey } from './api-key.schemas.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('API keys')
@ApiBearerAuth()
@RequireRole('ADMIN')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperationDoc({ summary: 'Create an API key (the key is shown once)', status: 201, response: createdApiKeySchema, errors: [403] })
  create(@Body({ schema: createApiKeySchema }) body: CreateApiKey) {
    return this.apiKeys.create(body);
  }

  @Get()
  @ApiOperationDoc({ summary: 'List API keys', response: apiKeyPageSchema, errors: [403] })
  list(@Query({ schema: listQuerySchema }) query: ListQuery) {
    return this.apiKeys.list(query);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperationDoc({ summary: 'Revoke an API key', response: apiKeySchema, errors: [403, 404] })
  revoke(@Param('id', { schema: idParam }) id: string) {
    return this.apiKeys.revoke(id);
  }
}
