import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../core/auth/roles.js';
import { metricsRegistry } from './metrics.js';

@ApiTags('Metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  @Get()
  @RequireRole('ADMIN')
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'This process’s metrics in the Prometheus text format (admin)' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 400, description: 'Invalid request', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 401, description: 'Missing, unknown or revoked API key', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 403, description: 'The API key’s role may not do this', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
