import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { z } from 'zod';
import { Public } from '../core/auth/roles.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { RedisHealthIndicator } from './redis.health.js';

const dependencies = z.record(z.string(), z.object({ status: z.enum(['up', 'down']), message: z.string().optional() }).loose());
const healthSchema = z
  .object({ status: z.enum(['ok', 'error']), info: dependencies.optional(), error: dependencies.optional(), details: dependencies })
  .meta({ id: 'Health' });
const example = (status: 'up' | 'down') => ({
  status: status === 'up' ? 'ok' : 'error',
  details: { postgres: { status: 'up' }, redis: status === 'up' ? { status: 'up' } : { status: 'down', message: 'connect ECONNREFUSED' } },
});

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly prismaIndicator: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  // Documented here rather than by terminus, whose generated schema depends on how it was loaded.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Redis reachable (no API key needed)' })
  @ApiResponse({ status: 200, description: 'Both reachable', standardSchema: healthSchema, example: example('up') })
  @ApiResponse({
    status: 503,
    description: 'One of them is down; `details` says which',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: { ...example('down'), status: 503 } } },
  })
  check() {
    return this.health.check([
      () => this.prismaIndicator.pingCheck('postgres', this.prisma, { timeout: 1000 }),
      () => this.redis.pingCheck('redis'),
    ]);
  }
}
